// What the dashboard's Agents view shows of an agent: identity (key prefix only, never the key
// or the secret), rate-limit state, portfolio, breakers, orders with fills, and equity over time.
import type { AgentRecord, OrderView } from '../../engine/index.js';
import { roundMoney } from '../../engine/trading/round.js';
import { notionalOf } from '../../engine/trading/costs.js';
import type { MockContext } from '../mock-context.js';
import { iso, serializeBreakers, serializeOrder, serializePosition } from '../serialize.js';

export function agentSummary(ctx: MockContext, agent: AgentRecord) {
  const now = ctx.clock.now();
  // peek() reads the quota without spending it: looking must not rate-limit the agent.
  const quota = ctx.agentLimiterFor(agent).peek(agent.agentId, now);
  const p = ctx.engine.portfolio(agent.agentId);
  return {
    agentId: agent.agentId,
    name: agent.name,
    mode: agent.mode,
    permissions: [...agent.permissions],
    keyPrefix: agent.apiKey.slice(0, 12),
    createdAt: iso(agent.createdAt),
    rateLimit: { limit: quota.limit, remaining: quota.remaining, resetsInMs: quota.resetMs },
    portfolio: {
      cash: p.cash,
      reservedCash: p.reservedCash,
      totalValue: p.totalValue,
      pnl: roundMoney(p.totalValue - ctx.options.startingCash),
      dayPnl: p.dayPnl,
      positions: p.positions.map(serializePosition),
    },
    breakers: serializeBreakers(p.breakers),
    orderCounts: ctx.engine.orderCounts(agent.agentId),
  };
}

/** The agent's orders, newest first, up to `max` (the engine pages them 100 at a time). */
function ordersOf(ctx: MockContext, agentId: string, max: number): OrderView[] {
  const out: OrderView[] = [];
  let cursor: string | null = null;
  do {
    const page = ctx.engine.listOrders(agentId, { limit: Math.min(100, max - out.length), cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && out.length < max);
  return out;
}

/** Orders the equity series replays at most; an agent with more gets a series over its newest fills. */
const EQUITY_ORDER_CAP = 10_000;

/**
 * Equity (cash + positions at the mid) at `points` instants from the agent's creation to now.
 * Computed backwards from the engine's current cash and positions by undoing fills, newest
 * first, so the last point is exactly the portfolio's totalValue, and prices come from the
 * market source at each instant (a pure function of time), so equal histories give equal series.
 */
export function equitySeries(ctx: MockContext, agent: AgentRecord, points: number) {
  const now = ctx.clock.now();
  const orders = ordersOf(ctx, agent.agentId, EQUITY_ORDER_CAP);
  const fills = orders
    .flatMap((o) => o.fills.map((f) => ({ ...f, symbol: o.symbol, side: o.side })))
    .sort((a, b) => b.timestamp - a.timestamp);
  const p = ctx.engine.portfolio(agent.agentId);
  let cash = p.cash;
  const positions = new Map(p.positions.map((pos) => [pos.symbol, pos.quantity]));
  const oldest = orders.length === EQUITY_ORDER_CAP ? (fills.at(-1)?.timestamp ?? agent.createdAt) : agent.createdAt;
  const start = Math.min(oldest, now);
  // At least a second apart (charts plot by the second); one point when the clock has not moved.
  const n = Math.max(1, Math.min(points, Math.floor((now - start) / 1000) + 1));
  const step = n > 1 ? (now - start) / (n - 1) : 0;
  const series: Array<{ at: string; equity: number; pnl: number }> = [];
  let next = 0;
  for (let i = n - 1; i >= 0; i--) {
    const t = i === n - 1 ? now : Math.round(start + step * i);
    // Undo every fill after t.
    for (; next < fills.length && (fills[next]?.timestamp ?? 0) > t; next++) {
      const f = fills[next] as (typeof fills)[number];
      const notional = notionalOf(f.price, f.quantity);
      cash = roundMoney(f.side === 'buy' ? cash + notional + f.fee : cash - notional + f.fee);
      positions.set(f.symbol, (positions.get(f.symbol) ?? 0) + (f.side === 'buy' ? -f.quantity : f.quantity));
    }
    let equity = cash;
    for (const [symbol, quantity] of positions) if (quantity !== 0) equity += quantity * ctx.market.price(symbol, t);
    series.push({ at: iso(t), equity: roundMoney(equity), pnl: roundMoney(equity - ctx.options.startingCash) });
  }
  return series.reverse();
}

export function agentDetail(ctx: MockContext, agent: AgentRecord, limit: number, points: number) {
  return {
    agent: agentSummary(ctx, agent),
    orders: ordersOf(ctx, agent.agentId, limit).map(serializeOrder),
    equity: equitySeries(ctx, agent, points),
  };
}
