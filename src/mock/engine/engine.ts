// The engine facade: option defaults, "settle, then evaluate the breaker, then act" for every
// call, and event flushing. All business logic lives in agents/, trading/ and risk/.
import { registerAgent, registerDemoAgent } from './agents/agent-registry.js';
import { randomBase62 } from './agents/make-key.js';
import type { AgentRecord, RegisterAgentInput, RegisteredAgent } from './agents/types.js';
import { EngineError } from './errors.js';
import { breakerState, evaluateDailyLoss } from './risk/daily-loss.js';
import type { BreakerState } from './risk/types.js';
import { defaultStrategies, type EngineStrategies } from './strategies.js';
import type { AccountState } from './trading/account.js';
import { cancelOrder } from './trading/cancel-order.js';
import { createState, type EngineConfig, type EngineContext } from './trading/context.js';
import { EventBus, type EngineEventListener } from './trading/events.js';
import { listOrders, type OrderPage } from './trading/list-orders.js';
import { modifyOrder } from './trading/modify-order.js';
import { toOrderView } from './trading/order-view.js';
import { placeOrder, type PlaceOrderResult } from './trading/place-order.js';
import { portfolioView, type PortfolioView } from './trading/portfolio.js';
import { settleTo } from './trading/settle.js';
import { createChangeJournal, drainChanges } from './state/change-journal.js';
import type { EngineData, EngineDelta } from './state/engine-data.js';
import { exportEngineData } from './state/export-data.js';
import { importEngineData } from './state/import-data.js';
import { joinArchived, orderCount } from './state/order-archive.js';
import { takeSnapshot, type EngineSnapshot } from './trading/snapshot.js';
import type { ListOrdersQuery, ModifyOrderInput, OrderView, PlaceOrderInput } from './trading/types.js';
import type { Clock, MarketSource, Rng } from './types.js';

export interface EngineOptions {
  clock: Clock;
  market: MarketSource;
  /** Agent, order and fill ids (and API key bodies unless keySource is given). */
  rng: Rng;
  /** API secrets: the HTTP layer passes a crypto source, tests a fake. */
  secretSource: () => string;
  /** The 32 base62 characters after nx_test_/nx_live_; default drawn from rng. */
  keySource?: () => string;
  /** Told every credential handed out (API secrets, API key bodies): the mock redacts them. */
  onCredential?: (credential: string) => void;
  startingCash?: number;
  feeBps?: number;
  allowShort?: boolean;
  liveDefaults?: { dailyLossLimit: number; maxPositionSize: number };
  defaultRateLimit?: number;
  /** Replaces some of the engine's policies (the mock's seeded defects do); defaults: the API's rules. */
  strategies?: Partial<EngineStrategies>;
}

export interface EngineStats {
  agents: number;
  orders: number;
  restingOrders: number;
}

export interface Engine {
  registerAgent(input: RegisterAgentInput): RegisteredAgent;
  registerDemoAgent(input: RegisterAgentInput, fixedKey: string, fixedSecret: string): RegisteredAgent;
  agentByKey(apiKey: string): AgentRecord | undefined;
  agent(agentId: string): AgentRecord | undefined;
  /** Every agent, oldest first (the control API's agent list). */
  agents(): AgentRecord[];
  /** How many orders the agent has placed, and how many of them still rest (the dashboard's counts). */
  orderCounts(agentId: string): { total: number; open: number };
  /** The agent's API secret (for the HMAC check); throws agent_not_found for unknown ids. */
  secretOf(agentId: string): string;
  placeOrder(agentId: string, input: PlaceOrderInput): PlaceOrderResult;
  getOrder(agentId: string, orderId: string): OrderView;
  listOrders(agentId: string, query?: ListOrdersQuery): OrderPage;
  modifyOrder(agentId: string, orderId: string, input: ModifyOrderInput): OrderView;
  cancelOrder(agentId: string, orderId: string): OrderView;
  portfolio(agentId: string): PortfolioView;
  breakers(agentId: string): BreakerState;
  settle(): void;
  onEvent(listener: EngineEventListener): () => void;
  reset(): void;
  snapshot(): EngineSnapshot;
  stats(): EngineStats;
  /** The whole state as plain data (state/engine-data.ts), for a state file or a fixture. */
  exportData(): EngineData;
  /** Replaces the whole state with `data` (taken over, not copied); throws EngineDataError (and changes nothing) when it is malformed. */
  importData(data: EngineData): void;
  /**
   * Calls `listener` at the end of every operation that changed state, with what it changed,
   * before the operation returns: the hook a write-ahead store commits from.
   */
  onChange(listener: (delta: EngineDelta) => void): () => void;
}

function resolveConfig(o: EngineOptions): EngineConfig {
  const config: EngineConfig = {
    startingCash: o.startingCash ?? 100_000,
    feeBps: o.feeBps ?? 10,
    allowShort: o.allowShort ?? false,
    liveDefaults: o.liveDefaults ?? { dailyLossLimit: 5_000, maxPositionSize: 50_000 },
    defaultRateLimit: o.defaultRateLimit ?? 60,
  };
  const ok = (v: number, min: number, max = Infinity) => Number.isFinite(v) && v >= min && v <= max;
  if (!ok(config.startingCash, 0, 1e12)) throw new RangeError('startingCash must be in [0, 1e12]');
  if (!ok(config.feeBps, 0, 1_000)) throw new RangeError('feeBps must be in [0, 1000]');
  if (!(config.liveDefaults.dailyLossLimit > 0) || !(config.liveDefaults.maxPositionSize > 0)) {
    throw new RangeError('liveDefaults limits must be > 0');
  }
  if (!Number.isInteger(config.defaultRateLimit) || config.defaultRateLimit <= 0) {
    throw new RangeError('defaultRateLimit must be a positive integer');
  }
  return config;
}

export function createEngine(options: EngineOptions): Engine {
  const events = new EventBus();
  const ctx: EngineContext = {
    clock: options.clock,
    market: options.market,
    rng: options.rng,
    secretSource: options.secretSource,
    keySource: options.keySource ?? (() => randomBase62(options.rng, 32)),
    onCredential: options.onCredential,
    config: resolveConfig(options),
    strategies: { ...defaultStrategies, ...options.strategies },
    state: createState(options.clock.now()),
    events,
  };

  const changeListeners = new Set<(delta: EngineDelta) => void>();
  /** Runs an operation, delivers the events it (and the settle before it) queued, then its changes. */
  const run = <T>(fn: () => T): T => {
    const before = ctx.changes ? { nextSeq: ctx.state.nextSeq, lastSettledAt: ctx.state.lastSettledAt } : null;
    try {
      return fn();
    } finally {
      events.flush();
      const delta = before && drainChanges(ctx, before);
      if (delta) for (const listener of changeListeners) listener(delta);
    }
  };

  /** Lazy settle for one agent: bring the engine to now, then judge that agent's breaker. */
  const forAgent = <T>(agentId: string, fn: (account: AccountState) => T): T =>
    run(() => {
      const account = ctx.state.accounts.get(agentId);
      if (!account) throw new EngineError('agent_not_found', `No agent ${JSON.stringify(agentId)}; register first.`);
      joinArchived(ctx.state, account); // its finished orders from a state file, on first use
      const now = ctx.clock.now();
      settleTo(ctx, now);
      evaluateDailyLoss(ctx, account, now);
      return fn(account);
    });

  return {
    registerAgent: (input) => run(() => (settleTo(ctx, ctx.clock.now()), registerAgent(ctx, input))),
    registerDemoAgent: (input, key, secret) =>
      run(() => (settleTo(ctx, ctx.clock.now()), registerDemoAgent(ctx, input, key, secret))),
    agentByKey: (apiKey) => {
      const id = ctx.state.agentIdByKey.get(apiKey);
      return id === undefined ? undefined : ctx.state.agents.get(id);
    },
    agent: (agentId) => ctx.state.agents.get(agentId),
    agents: () => [...ctx.state.agents.values()],
    orderCounts: (agentId) =>
      forAgent(agentId, (a) => ({
        total: a.orders.length,
        open: a.orders.reduce((n, o) => (o.status === 'open' || o.status === 'partially_filled' ? n + 1 : n), 0),
      })),
    secretOf: (agentId) => {
      const secret = ctx.state.secrets.get(agentId);
      if (secret === undefined) throw new EngineError('agent_not_found', `No agent ${JSON.stringify(agentId)}.`);
      return secret;
    },
    placeOrder: (agentId, input) => forAgent(agentId, (a) => placeOrder(ctx, a, input)),
    getOrder: (agentId, orderId) => forAgent(agentId, (a) => toOrderView(ctx.strategies.readableOrder(ctx, a, orderId))),
    listOrders: (agentId, query) => forAgent(agentId, (a) => listOrders(ctx, a, query)),
    modifyOrder: (agentId, orderId, input) => forAgent(agentId, (a) => modifyOrder(ctx, a, orderId, input)),
    cancelOrder: (agentId, orderId) => forAgent(agentId, (a) => cancelOrder(ctx, a, orderId)),
    portfolio: (agentId) => forAgent(agentId, (a) => portfolioView(ctx, a, ctx.clock.now())),
    breakers: (agentId) => forAgent(agentId, (a) => breakerState(ctx, a, ctx.clock.now())),
    settle: () =>
      run(() => {
        const now = ctx.clock.now();
        settleTo(ctx, now);
        for (const account of ctx.state.accounts.values()) evaluateDailyLoss(ctx, account, now);
      }),
    onEvent: (listener) => events.subscribe(listener),
    reset: () => {
      events.clear();
      ctx.changes?.orders.clear();
      ctx.changes?.accounts.clear();
      ctx.state = createState(ctx.clock.now());
    },
    snapshot: () => takeSnapshot(ctx),
    stats: () => ({
      agents: ctx.state.agents.size,
      orders: orderCount(ctx.state),
      restingOrders: ctx.state.resting.size,
    }),
    exportData: () => exportEngineData(ctx),
    importData: (data) => {
      importEngineData(ctx, data);
      events.clear();
      ctx.changes?.orders.clear();
      ctx.changes?.accounts.clear();
    },
    onChange: (listener) => {
      changeListeners.add(listener);
      ctx.changes ??= createChangeJournal();
      return () => {
        changeListeners.delete(listener);
        if (changeListeners.size === 0) ctx.changes = undefined;
      };
    },
  };
}
