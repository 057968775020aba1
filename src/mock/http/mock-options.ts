// Options of the mock exchange, with the defaults `npm start` runs on. The CLI maps its flags
// onto these one to one.
import { FAILED_AUTH_DEFAULTS } from '../../rules/stages/auth-budget.js';
import type { ControllableClock } from '../engine/clock.js';
import type { MarketSource } from '../engine/types.js';
import { WEBHOOK_TARGETS, type WebhookTargets } from '../webhooks/url-policy.js';
import type { StateFixtureInput } from '../state/fixture-schema.js';
import type { RawRequestRecord } from './journal.js';

export interface MockOptions {
  /** Seeds prices, ids and content (default 42). */
  seed?: number;
  /** `real` (default), `fixed:ISO`, `virtual:ISO`, or a clock object. */
  clock?: string | ControllableClock;
  /** USD each new agent starts with (default 100 000). */
  startingCash?: number;
  /** Fee per fill in basis points (default 10). */
  feeBps?: number;
  /** Requests per minute per agent (default 60). */
  rateLimit?: number;
  /** Registrations per minute per client address (default 30). */
  registerRateLimit?: number;
  /** Failed authentications per minute per known API key before 429 (default 30). */
  failedAuthPerKey?: number;
  /** Failed authentications per minute per client address without a known key before 429 (default 60). */
  failedAuthPerAddress?: number;
  /**
   * Real-time pause in ms before a request over its failed-authentication budget gets its 429
   * (default 500; 0 answers at once). A client looping on failures slows itself down, not the mock;
   * a test suite that goes over the budget on purpose can set 0.
   */
  failedAuthPauseMs?: number;
  /**
   * Most agents the mock holds, demo agents included (default 10 000, about 100 MB): beyond it
   * POST /register answers 403 agent_limit_reached, so registrations cannot exhaust memory.
   */
  maxAgents?: number;
  allowShort?: boolean;
  /** Circuit breakers given to live agents that set none. */
  liveDefaults?: { dailyLossLimit: number; maxPositionSize: number };
  /** Validate every response against the spec before sending it (a mismatch becomes a 500). */
  validateResponses?: boolean;
  /** Mount the control API under /__nx (default true; startMock beyond loopback: false). */
  control?: boolean;
  /** Entries the request journal keeps (default 1000). */
  journalSize?: number;
  /** Seeded defects to switch on (see src/mock/defects.ts). */
  defects?: readonly string[];
  /** Where API secrets come from (default: node:crypto). Tests may pass a deterministic one. */
  secretSource?: () => string;
  /**
   * Draw API key bodies from the seed instead of node:crypto (default false), for golden files
   * and replayed scripts. Keys are credentials (a sandbox key alone authenticates), so startMock
   * refuses this beyond loopback. Agent, order and request ids are seeded either way.
   */
  deterministicKeys?: boolean;
  /** Create the seed-derived demo agents at start and after every reset (default true; startMock beyond loopback: false). */
  demoAgents?: boolean;
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** A market source other than the seeded model. */
  market?: MarketSource;
  /** One line naming the market source for /__nx/info and the dashboard, e.g. `replay of FILE`. */
  marketDescription?: string;
  /** Where webhooks may point: `any` (default; startMock beyond loopback: `public`), `loopback` or `public`; see src/mock/webhooks/url-policy.ts. */
  webhookTargets?: WebhookTargets;
  /** Real-time limit of one webhook delivery attempt in ms (default 10 000); then it is retried. */
  webhookTimeoutMs?: number;
  /** Receives one line per notable event (start, faults, stale data); never secrets. */
  log?: (line: string) => void;
  /** Receives every API request unredacted once answered (in-process recorders only). */
  onRequest?: (raw: RawRequestRecord) => void;
  /** Start from this state fixture (schemas/state-fixture.schema.json) instead of an empty exchange. */
  state?: StateFixtureInput;
  /** Keep the state in this SQLite file (--state), written ahead of every acknowledged change. */
  stateFile?: string;
  /** SQLite's synchronous setting for the state file: normal (default) or full (see src/storage/open-database.ts). */
  stateSync?: 'normal' | 'full';
}

type Unresolved = 'clock' | 'market' | 'marketDescription' | 'secretSource' | 'log' | 'onRequest' | 'state' | 'stateFile' | 'stateSync';
export type ResolvedMockOptions = Required<Omit<MockOptions, Unresolved>> & Pick<MockOptions, Unresolved>;

export const MOCK_DEFAULTS = {
  seed: 42,
  startingCash: 100_000,
  feeBps: 10,
  rateLimit: 60,
  registerRateLimit: 30,
  failedAuthPerKey: FAILED_AUTH_DEFAULTS.perKey,
  failedAuthPerAddress: FAILED_AUTH_DEFAULTS.perAddress,
  failedAuthPauseMs: 500,
  maxAgents: 10_000,
  allowShort: false,
  liveDefaults: { dailyLossLimit: 5_000, maxPositionSize: 50_000 },
  validateResponses: false,
  control: true,
  journalSize: 1000,
  defects: [] as readonly string[],
  demoAgents: true,
  deterministicKeys: false,
  bodyLimit: 1024 * 1024,
  webhookTargets: 'any' as WebhookTargets,
  webhookTimeoutMs: 10_000,
} as const;

export function resolveMockOptions(options: MockOptions = {}): ResolvedMockOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved = { ...MOCK_DEFAULTS, ...defined } as ResolvedMockOptions;
  for (const name of ['startingCash', 'rateLimit', 'registerRateLimit', 'failedAuthPerKey', 'failedAuthPerAddress', 'maxAgents', 'journalSize', 'bodyLimit', 'webhookTimeoutMs'] as const) {
    const value = resolved[name];
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${String(value)}.`);
  }
  if (!Number.isFinite(resolved.failedAuthPauseMs) || resolved.failedAuthPauseMs < 0) {
    throw new Error(`failedAuthPauseMs must be 0 or more, got ${String(resolved.failedAuthPauseMs)}.`);
  }
  if (!Number.isFinite(resolved.feeBps) || resolved.feeBps < 0 || resolved.feeBps > 1000) {
    throw new Error(`feeBps must be between 0 and 1000, got ${String(resolved.feeBps)}.`);
  }
  if (!WEBHOOK_TARGETS.includes(resolved.webhookTargets)) {
    throw new Error(`webhookTargets must be one of ${WEBHOOK_TARGETS.join(', ')}, got ${String(resolved.webhookTargets)}.`);
  }
  if (!Number.isSafeInteger(resolved.seed)) throw new Error(`seed must be an integer, got ${String(resolved.seed)}.`);
  return resolved;
}
