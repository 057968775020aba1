// Everything one mock instance owns: clock, market, engine, limiters, journal, faults, and the
// parts it is built from (seeded defects applied). Built once per createMockApp(); tests and the
// control API reach state only through it.
import { randomBytes } from 'node:crypto';
import { createClock, type ControllableClock } from '../engine/clock.js';
import { createEngine, type AgentRecord, type Engine } from '../engine/index.js';
import { createModelMarket, createOverridableMarket, type OverridableMarket } from '../engine/market/index.js';
import { createRng } from '../engine/random.js';
import type { Rng } from '../engine/types.js';
import { applyDefects, parseDefects, type DefectName } from '../defects.js';
import { createGcra, type Gcra } from '../../rules/gcra.js';
import type { RuleState } from '../../rules/rule-state.js';
import { createDemoAgents, type DemoAgent } from './demo-agents.js';
import { createFaultTable, type FaultTable } from './faults.js';
import { createJournal, type Journal } from './journal.js';
import { defaultParts, type MockParts } from './mock-parts.js';
import { mockRuleState } from './mock-rule-state.js';
import { resolveMockOptions, type MockOptions, type ResolvedMockOptions } from './mock-options.js';
import { createWebhookRegistry, type WebhookRegistry } from './webhook-registry.js';
import { createWebhookDispatcher, type WebhookDispatcher } from '../webhooks/dispatcher.js';

export interface MockContext {
  readonly options: ResolvedMockOptions;
  readonly clock: ControllableClock;
  readonly market: OverridableMarket;
  readonly engine: Engine;
  readonly registerLimiter: Gcra;
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
  /** Seeded ids for things the engine does not own (webhooks). */
  readonly ids: Rng;
  demoAgents: DemoAgent[];
  agentLimiterFor(agent: AgentRecord): Gcra;
  nextRequestId(): string;
  /** Drops all state, as after a fresh start with the same options (the clock excepted). */
  reset(): void;
  log(line: string): void;
}

function cryptoSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function createMockContext(input: MockOptions = {}): MockContext {
  const options = resolveMockOptions(input);
  const clock = typeof options.clock === 'object' ? options.clock : createClock(options.clock);
  const market = createOverridableMarket(options.market ?? createModelMarket({ seed: options.seed }));
  const defects = parseDefects(options.defects);
  const parts = applyDefects(defaultParts, defects);
  const secretSource = options.secretSource ?? cryptoSecret;
  const makeEngine = (): Engine =>
    createEngine({
      clock,
      market,
      rng: createRng(`${options.seed}:engine`),
      secretSource,
      startingCash: options.startingCash,
      feeBps: options.feeBps,
      allowShort: options.allowShort,
      liveDefaults: options.liveDefaults,
      defaultRateLimit: options.rateLimit,
      strategies: parts.engine,
    });
  const limiters = new Map<number, Gcra>();
  let requestSeq = 0;
  const webhooks = createWebhookRegistry();
  const webhookDelivery = createWebhookDispatcher({
    clock, registry: webhooks, seed: options.seed, timeoutMs: options.webhookTimeoutMs, targets: options.webhookTargets, log: options.log,
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
    parts,
    get rules() {
      return rules;
    },
    webhooks,
    webhookDelivery,
    ids: createRng(`${options.seed}:http`),
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
    reset() {
      (ctx as { engine: Engine }).engine = makeEngine();
      (ctx as { ids: Rng }).ids = createRng(`${options.seed}:http`);
      limiters.clear();
      ctx.registerLimiter.reset();
      ctx.journal.clear();
      ctx.faults.clear();
      ctx.webhooks.clear();
      webhookDelivery.reset();
      webhookDelivery.attach(ctx.engine);
      market.clearOverrides();
      requestSeq = 0;
      ctx.demoAgents = options.demoAgents ? createDemoAgents(ctx.engine, options.seed) : [];
    },
    log: options.log ?? (() => {}),
  };
  const rules = mockRuleState(ctx);
  webhookDelivery.attach(ctx.engine);
  ctx.demoAgents = options.demoAgents ? createDemoAgents(ctx.engine, options.seed) : [];
  return ctx;
}
