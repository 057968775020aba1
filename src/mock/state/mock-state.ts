// Everything a mock's behaviour depends on, as exact plain data: the engine (agents with their
// secrets, ledgers, orders and fills, breakers, the id generator), webhooks with their delivery
// queues, price overrides, the clock, the request counter, the HTTP id generator and the rate
// limiters. A state file stores it; fixtures are converted to and from it. Not kept: the request
// journal and injected faults (diagnostics and test set-up, not the exchange's state).
import type { ClockKind } from '../engine/clock.js';
import type { EngineData } from '../engine/index.js';
import type { PriceOverride } from '../engine/market/overrides.js';
import type { RngState } from '../engine/types.js';
import { restoreDemoAgents } from '../http/demo-agents.js';
import type { MockContext } from '../http/mock-context.js';
import type { WebhookRecord } from '../http/webhook-registry.js';
import type { DeliveriesData } from '../webhooks/deliveries-data.js';
import { buildDeliveries } from '../webhooks/deliveries-data.js';

export interface MockState {
  seed: number;
  clock: { kind: ClockKind; nowMs: number };
  engine: EngineData;
  /** In creation order, secrets included. */
  webhooks: WebhookRecord[];
  deliveries: DeliveriesData;
  /** Per coin (by ticker), oldest first. */
  prices: Array<{ symbol: string; overrides: PriceOverride[] }>;
  /** Counters behind request ids (req_…, ctl_…); null keeps the mock's own (a hand-written fixture says nothing about them). */
  requestCount: number | null;
  controlRequestCount: number | null;
  /** The generator of webhook ids; null keeps the mock's own. */
  ids: RngState | null;
  /** The generator of API key bodies under deterministicKeys; null keeps the mock's own. */
  keys: RngState | null;
  rateLimits: Array<{ limiter: string; entries: Array<[key: string, tat: number]> }>;
}

/** The price overrides of every coin that has some. */
export function pricesOf(ctx: MockContext): MockState['prices'] {
  const prices: MockState['prices'] = [];
  for (const coin of ctx.market.coins()) {
    const overrides = ctx.market.overrides(coin.symbol);
    if (overrides.length > 0) prices.push({ symbol: coin.symbol, overrides: overrides.map((o) => ({ ...o })) });
  }
  return prices;
}

export function captureState(ctx: MockContext): MockState {
  return {
    seed: ctx.options.seed,
    clock: { kind: ctx.clock.kind, nowMs: ctx.clock.now() },
    engine: ctx.engine.exportData(),
    webhooks: ctx.webhooks.all().map((w) => ({ ...w, events: [...w.events] })),
    deliveries: ctx.webhookDelivery.exportState(),
    prices: pricesOf(ctx),
    requestCount: ctx.requestCount,
    controlRequestCount: ctx.controlRequestCount,
    ids: ctx.ids.save?.() ?? null,
    keys: ctx.keys?.save?.() ?? null,
    rateLimits: [...ctx.limiters].map(([limiter, gcra]) => ({ limiter, entries: gcra.entries() })).filter((l) => l.entries.length > 0),
  };
}

/** The limiter a state names: `register`, `failed-auth:key`, `failed-auth:address`, or `agent:<requests per minute>`. */
function limiterNamed(ctx: MockContext, name: string) {
  if (name === 'register') return ctx.registerLimiter;
  if (name === 'failed-auth:key') return ctx.failedAuthLimiters.perKey;
  if (name === 'failed-auth:address') return ctx.failedAuthLimiters.perAddress;
  const rate = /^agent:(\d+)$/.exec(name)?.[1];
  return rate === undefined ? undefined : ctx.agentLimiterFor({ rateLimitPerMinute: Number(rate) } as Parameters<MockContext['agentLimiterFor']>[0]);
}

/**
 * What stops `state` from being applied to this mock, beyond the engine's own data (which
 * engine.importData checks before it changes anything); empty when it can be. Changes nothing.
 */
export function stateProblems(ctx: MockContext, state: MockState): string[] {
  const problems: string[] = [];
  const agents = new Set(state.engine.agents.map((a) => a.agent.agentId));
  state.webhooks.forEach((w, i) => agents.has(w.agentId) || problems.push(`/webhooks/${i}: agent ${w.agentId} is not in the state`));
  const hooks = new Set(state.webhooks.map((w) => w.id));
  for (const d of state.deliveries.webhooks) {
    if (!hooks.has(d.webhookId)) problems.push(`/deliveries: webhook ${d.webhookId} is not in the state`);
    try {
      buildDeliveries(d);
    } catch (error) {
      problems.push(`/deliveries: ${(error as Error).message}`);
    }
  }
  for (const p of state.prices) if (!ctx.market.coin(p.symbol)) problems.push(`/prices: no coin ${p.symbol}`);
  for (const l of state.rateLimits) if (!/^(register|failed-auth:(key|address)|agent:\d+)$/.test(l.limiter)) problems.push(`/rateLimits: unknown limiter ${l.limiter}`);
  return problems;
}

/**
 * Replaces the mock's state with `state`, which it takes over (do not reuse it). The engine
 * import validates before it changes anything; call stateProblems() first for the rest. A virtual clock moves to the state's time;
 * another clock keeps its own. Webhook attempts in flight are abandoned (and retried later).
 */
export function applyState(ctx: MockContext, state: MockState): void {
  ctx.secrets.reserve(2 * state.engine.agents.length + state.webhooks.length); // each agent's secret and key body
  ctx.engine.importData(state.engine);
  ctx.webhooks.restore(state.webhooks);
  ctx.webhookDelivery.importState(state.deliveries);
  ctx.market.clearOverrides();
  for (const { symbol, overrides } of state.prices) {
    for (const o of overrides) {
      if (o.kind === 'pin') ctx.market.pin(symbol, o.price, o.fromT);
      else ctx.market.shift(symbol, o.percent, o.fromT);
    }
  }
  if (ctx.clock.kind === 'virtual') ctx.clock.set(state.clock.nowMs);
  if (state.requestCount !== null) ctx.requestCount = state.requestCount;
  if (state.controlRequestCount !== null) ctx.controlRequestCount = state.controlRequestCount;
  if (state.ids) ctx.ids.restore?.(state.ids);
  if (state.keys) ctx.keys?.restore?.(state.keys);
  for (const gcra of ctx.limiters.values()) gcra.reset();
  for (const { limiter, entries } of state.rateLimits) limiterNamed(ctx, limiter)?.restore(entries);
  ctx.demoAgents = restoreDemoAgents(ctx.engine, ctx.options.seed, ctx.options.demoAgents);
}
