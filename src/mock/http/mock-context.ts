// Everything one mock instance owns: clock, market, engine, limiters, journal, faults, defects.
// Built once per createMockApp(); tests and the control API reach state only through it.
import { randomBytes } from 'node:crypto';
import { operationList } from '../../generated/operations.js';
import { createClock, type ControllableClock } from '../engine/clock.js';
import { createEngine, type AgentRecord, type Engine } from '../engine/index.js';
import { createModelMarket, createOverridableMarket, type OverridableMarket } from '../engine/market/index.js';
import { randomBase62 } from '../engine/agents/make-key.js';
import { createRng } from '../engine/random.js';
import type { Rng } from '../engine/types.js';
import { parseDefects, type DefectName } from '../defects.js';
import { redactText, SecretIndex } from '../../redact.js';
import { createGcra, type Gcra } from '../limits/gcra.js';
import { createDemoAgents, type DemoAgent } from './demo-agents.js';
import { createFaultTable, type FaultTable } from './faults.js';
import { createJournal, type Journal } from './journal.js';
import { createRouter, type Router } from './match-route.js';
import { resolveMockOptions, type MockOptions, type ResolvedMockOptions } from './mock-options.js';
import { createWebhookRegistry, type WebhookRegistry } from './webhook-registry.js';
import { createWebhookDispatcher, type WebhookDispatcher } from '../webhooks/dispatcher.js';
import { createEventHub, type EventHub } from '../ui/event-hub.js';

export interface MockContext {
  readonly options: ResolvedMockOptions;
  readonly clock: ControllableClock;
  readonly market: OverridableMarket;
  readonly engine: Engine;
  readonly registerLimiter: Gcra;
  readonly journal: Journal;
  readonly faults: FaultTable;
  readonly defects: ReadonlySet<DefectName>;
  readonly router: Router;
  readonly webhooks: WebhookRegistry;
  /** Delivers engine events to the webhooks (src/mock/webhooks); idle()/flush() for tests. */
  readonly webhookDelivery: WebhookDispatcher;
  /** Every credential handed out since the last reset: the journal and the log redact them. */
  readonly secrets: SecretIndex;
  /** Seeded ids for things the engine does not own (webhooks). */
  readonly ids: Rng;
  /** The /__nx/events feed of the dashboard; idle (and nearly free) while nobody listens. */
  readonly events: EventHub;
  demoAgents: DemoAgent[];
  agentLimiterFor(agent: AgentRecord): Gcra;
  nextRequestId(): string;
  /**
   * Ids of control calls (ctl_…) come from a sequence of their own, so a dashboard or a test
   * polling /__nx never shifts the request ids the API hands out.
   */
  nextControlRequestId(): string;
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
function keySourceFor(options: ResolvedMockOptions): () => string {
  if (!options.deterministicKeys) return cryptoKeyBody;
  const rng = createRng(`${options.seed}:keys`);
  return () => randomBase62(rng, 32);
}

export function createMockContext(input: MockOptions = {}): MockContext {
  const options = resolveMockOptions(input);
  const clock = typeof options.clock === 'object' ? options.clock : createClock(options.clock);
  const market = createOverridableMarket(options.market ?? createModelMarket({ seed: options.seed }));
  const defects = parseDefects(options.defects);
  const secretSource = options.secretSource ?? cryptoSecret;
  const secrets = new SecretIndex();
  const onCredential = (credential: string): void => secrets.add(credential);
  // Every line goes out redacted: log lines quote requests, errors and webhook URLs.
  const log = (line: string): void => options.log?.(redactText(line, secrets));
  const makeEngine = (): Engine =>
    createEngine({
      clock,
      market,
      rng: createRng(`${options.seed}:engine`),
      secretSource,
      keySource: keySourceFor(options),
      onCredential,
      startingCash: options.startingCash,
      feeBps: options.feeBps,
      allowShort: options.allowShort,
      liveDefaults: options.liveDefaults,
      defaultRateLimit: options.rateLimit,
      unlatchedDailyLoss: defects.has('unlatched-daily-loss'),
      ignoreMaxPosition: defects.has('ignore-max-position'),
    });
  const limiters = new Map<number, Gcra>();
  let requestSeq = 0;
  let controlSeq = 0;
  const events = createEventHub();
  const webhooks = createWebhookRegistry(undefined, onCredential);
  const webhookDelivery = createWebhookDispatcher({
    clock, registry: webhooks, seed: options.seed, timeoutMs: options.webhookTimeoutMs, targets: options.webhookTargets, log,
  });
  const ctx: MockContext = {
    options,
    clock,
    market,
    engine: makeEngine(),
    registerLimiter: createGcra(options.registerRateLimit, 60_000),
    journal: createJournal(options.journalSize),
    faults: createFaultTable(options.seed),
    defects,
    router: createRouter(operationList),
    webhooks,
    webhookDelivery,
    secrets,
    ids: createRng(`${options.seed}:http`),
    events,
    demoAgents: [],
    agentLimiterFor(agent) {
      let limiter = limiters.get(agent.rateLimitPerMinute);
      if (!limiter) {
        limiter = createGcra(agent.rateLimitPerMinute, 60_000);
        limiters.set(agent.rateLimitPerMinute, limiter);
      }
      return limiter;
    },
    nextRequestId() {
      requestSeq += 1;
      return `req_${requestSeq.toString(16).padStart(16, '0')}`;
    },
    nextControlRequestId() {
      controlSeq += 1;
      return `ctl_${controlSeq.toString(16).padStart(16, '0')}`;
    },
    reset() {
      secrets.clear();
      (ctx as { engine: Engine }).engine = makeEngine();
      (ctx as { ids: Rng }).ids = createRng(`${options.seed}:http`);
      limiters.clear();
      ctx.registerLimiter.reset();
      ctx.journal.clear();
      ctx.faults.clear();
      ctx.webhooks.clear();
      webhookDelivery.reset();
      webhookDelivery.attach(ctx.engine);
      events.attach(ctx.engine);
      market.clearOverrides();
      requestSeq = 0;
      ctx.demoAgents = options.demoAgents ? createDemoAgents(ctx.engine, options.seed) : [];
    },
    log,
  };
  webhookDelivery.attach(ctx.engine);
  events.attach(ctx.engine);
  ctx.journal.subscribe(events.requestDone);
  ctx.demoAgents = options.demoAgents ? createDemoAgents(ctx.engine, options.seed) : [];
  return ctx;
}
