// Everything one mock instance owns: clock, market, engine, limiters, journal, faults, and the
// parts it is built from (seeded defects applied). Built once per createMockApp(); tests and the
// control API reach state only through it.
import { randomBytes } from 'node:crypto';
import { createClock, type ControllableClock } from '../engine/clock.js';
import { createEngine, type AgentRecord, type Engine } from '../engine/index.js';
import { createModelMarket, createOverridableMarket, type OverridableMarket } from '../engine/market/index.js';
import { randomBase62 } from '../engine/agents/make-key.js';
import { createRng } from '../engine/random.js';
import type { Rng } from '../engine/types.js';
import { applyDefects, parseDefects, type DefectName } from '../defects.js';
import { redactText, SecretIndex } from '../../redact.js';
import { createGcra, type Gcra } from '../../rules/gcra.js';
import type { RuleState } from '../../rules/rule-state.js';
import { createDemoAgents, type DemoAgent } from './demo-agents.js';
import { createFaultTable, type FaultTable } from './faults.js';
import { createJournal, type Journal } from './journal.js';
import { defaultParts, type MockParts } from './mock-parts.js';
import { mockRuleState } from './mock-rule-state.js';
import { resolveMockOptions, type MockOptions, type ResolvedMockOptions } from './mock-options.js';
import { createWebhookRegistry, type WebhookRegistry } from './webhook-registry.js';
import { loadFixture } from '../state/load-fixture.js';
import { attachPersistence, type Persistence } from '../state/persist/persistence.js';
import { createWebhookDispatcher, type WebhookDispatcher } from '../webhooks/dispatcher.js';
import { createEventHub, type EventHub } from '../ui/event-hub.js';

export interface MockContext {
  readonly options: ResolvedMockOptions;
  readonly clock: ControllableClock;
  readonly market: OverridableMarket;
  readonly engine: Engine;
  readonly registerLimiter: Gcra;
  /** Failed authentications per known key and per address (src/rules/stages/auth-budget.ts). */
  readonly failedAuthLimiters: { perKey: Gcra; perAddress: Gcra };
  readonly journal: Journal;
  readonly faults: FaultTable;
  /** The seeded defects switched on (their overrides are in `parts`). */
  readonly defects: readonly DefectName[];
  /** Request rules, handlers, problem renderer and engine policies, defects applied. */
  readonly parts: MockParts;
  /** What the request rules know here: the engine's agents and secrets, the limiters. */
  readonly rules: RuleState<AgentRecord>;
  readonly webhooks: WebhookRegistry;
  /** Delivers engine events to the webhooks (src/mock/webhooks); idle()/flush() for tests. */
  readonly webhookDelivery: WebhookDispatcher;
  /** Every credential handed out since the last reset: the journal and the log redact them. */
  readonly secrets: SecretIndex;
  /** Seeded ids for things the engine does not own (webhooks). */
  readonly ids: Rng;
  /** The generator of API key bodies with deterministicKeys; null when keys are random. */
  readonly keys: Rng | null;
  /** The /__nx/events feed of the dashboard; idle (and nearly free) while nobody listens. */
  readonly events: EventHub;
  demoAgents: DemoAgent[];
  agentLimiterFor(agent: AgentRecord): Gcra;
  /**
   * Links two agents of one person (a sandbox and a live one) so that a signature made with the
   * other's secret is diagnosed as wrong_secret_mode. Only explicit links count: never a name match.
   */
  linkAgents(a: string, b: string): void;
  /** The agent linked to this one, if any. */
  linkedAgentOf(agentId: string): string | undefined;
  /** Every rate limiter by name (`register`, `agent:<requests per minute>`), for a state file. */
  readonly limiters: ReadonlyMap<string, Gcra>;
  /** Called after a limiter's take() moved a key's state (a write-ahead store listens). */
  onLimiterTake?: (limiter: string, key: string, tat: number) => void;
  /** Requests answered so far: the counters behind request ids (req_…) and control ids (ctl_…). */
  requestCount: number;
  controlRequestCount: number;
  nextRequestId(): string;
  /**
   * Ids of control calls (ctl_…) come from a sequence of their own, so a dashboard or a test
   * polling /__nx never shifts the request ids the API hands out.
   */
  nextControlRequestId(): string;
  /** The state file (--state), when there is one. */
  readonly persistence?: Persistence;
  /** Drops all state, as after a fresh start with the same options (the clock excepted). */
  reset(): void;
  log(line: string): void;
}

function cryptoSecret(): string {
  return randomBytes(32).toString('base64url');
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Random bytes drawn 4 KiB at a time: a small Buffer per key, 10 000 times over, leaves the
// process's resident memory megabytes higher than one buffer refilled now and then.
let keyBytes = Buffer.alloc(0);
let keyByteAt = 0;

/** 32 base62 characters from node:crypto (bytes ≥ 248 are dropped, so every character is equally likely). */
function cryptoKeyBody(): string {
  const out: string[] = [];
  while (out.length < 32) {
    if (keyByteAt >= keyBytes.length) {
      keyBytes = randomBytes(4096);
      keyByteAt = 0;
    }
    const byte = keyBytes[keyByteAt++] as number;
    if (byte < 248) out.push(BASE62[byte % 62] as string);
  }
  return out.join('');
}

/**
 * API key bodies: random unless deterministicKeys asks for seeded ones. Seeded keys come from a
 * stream of their own, so agent and order ids are the same whichever kind of key is in use.
 */
function keyGenerator(options: ResolvedMockOptions): Rng | null {
  return options.deterministicKeys ? createRng(`${options.seed}:keys`) : null;
}

function keySourceFor(keys: Rng | null): () => string {
  return keys === null ? cryptoKeyBody : () => randomBase62(keys, 32);
}

export function createMockContext(input: MockOptions = {}): MockContext {
  const options = resolveMockOptions(input);
  const clock = typeof options.clock === 'object' ? options.clock : createClock(options.clock);
  const market = createOverridableMarket(options.market ?? createModelMarket({ seed: options.seed }));
  const defects = parseDefects(options.defects);
  const parts = applyDefects(defaultParts, defects);
  const secretSource = options.secretSource ?? cryptoSecret;
  const secrets = new SecretIndex();
  const onCredential = (credential: string): void => secrets.add(credential);
  // Every line goes out redacted: log lines quote requests, errors and webhook URLs.
  const log = (line: string): void => options.log?.(redactText(line, secrets));
  const makeEngine = (keys: Rng | null): Engine =>
    createEngine({
      clock,
      market,
      rng: createRng(`${options.seed}:engine`),
      secretSource,
      keySource: keySourceFor(keys),
      onCredential,
      startingCash: options.startingCash,
      feeBps: options.feeBps,
      allowShort: options.allowShort,
      liveDefaults: options.liveDefaults,
      defaultRateLimit: options.rateLimit,
      strategies: parts.engine,
    });
  const limiters = new Map<string, Gcra>();
  const links = new Map<string, string>();
  const limiter = (name: string, limit: number): Gcra => {
    let found = limiters.get(name);
    if (!found) {
      found = createGcra(limit, 60_000);
      found.onTake = (key, tat) => ctx.onLimiterTake?.(name, key, tat);
      limiters.set(name, found);
    }
    return found;
  };
  const events = createEventHub();
  const webhooks = createWebhookRegistry(undefined, onCredential);
  const webhookDelivery = createWebhookDispatcher({
    clock, registry: webhooks, seed: options.seed, timeoutMs: options.webhookTimeoutMs, targets: options.webhookTargets, log,
  });
  const initialKeys = keyGenerator(options);
  const ctx: MockContext = {
    options,
    clock,
    market,
    keys: initialKeys,
    engine: makeEngine(initialKeys),
    registerLimiter: limiter('register', options.registerRateLimit),
    failedAuthLimiters: { perKey: limiter('failed-auth:key', options.failedAuthPerKey), perAddress: limiter('failed-auth:address', options.failedAuthPerAddress) },
    journal: createJournal(options.journalSize),
    faults: createFaultTable(options.seed),
    defects,
    parts,
    get rules() {
      return rules;
    },
    webhooks,
    webhookDelivery,
    secrets,
    ids: createRng(`${options.seed}:http`),
    events,
    demoAgents: [],
    linkAgents(a, b) {
      links.set(a, b);
      links.set(b, a);
    },
    linkedAgentOf(agentId) {
      // The demo agents are one person's sandbox and live agent: always linked to each other.
      const demo = ctx.demoAgents.find((d) => d.agentId === agentId);
      return links.get(agentId) ?? (demo ? ctx.demoAgents.find((d) => d.mode !== demo.mode)?.agentId : undefined);
    },
    agentLimiterFor: (agent) => limiter(`agent:${agent.rateLimitPerMinute}`, agent.rateLimitPerMinute),
    limiters,
    requestCount: 0,
    nextRequestId() {
      ctx.requestCount += 1;
      return `req_${ctx.requestCount.toString(16).padStart(16, '0')}`;
    },
    controlRequestCount: 0,
    nextControlRequestId() {
      ctx.controlRequestCount += 1;
      return `ctl_${ctx.controlRequestCount.toString(16).padStart(16, '0')}`;
    },
    reset() {
      secrets.clear();
      (ctx as { keys: Rng | null }).keys = keyGenerator(options);
      (ctx as { engine: Engine }).engine = makeEngine(ctx.keys);
      links.clear();
      (ctx as { ids: Rng }).ids = createRng(`${options.seed}:http`);
      for (const l of limiters.values()) l.reset();
      ctx.journal.clear();
      ctx.faults.clear();
      ctx.webhooks.clear();
      webhookDelivery.reset();
      webhookDelivery.attach(ctx.engine);
      events.attach(ctx.engine);
      market.clearOverrides();
      ctx.requestCount = 0;
      ctx.demoAgents = options.demoAgents ? createDemoAgents(ctx.engine, options.seed) : [];
    },
    log,
  };
  const rules = mockRuleState(ctx);
  webhookDelivery.attach(ctx.engine);
  events.attach(ctx.engine);
  ctx.journal.subscribe(events.requestDone);
  ctx.demoAgents = options.demoAgents ? createDemoAgents(ctx.engine, options.seed) : [];
  if (options.state !== undefined) loadFixture(ctx, options.state);
  if (options.stateFile !== undefined) {
    (ctx as { persistence?: Persistence }).persistence = attachPersistence(ctx, { file: options.stateFile, sync: options.stateSync });
  }
  return ctx;
}
