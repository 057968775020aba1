// Fills resting limit orders that the price path crossed during [from, to]. A buy fills once the
// path's low reaches its limit, a sell once the high does; the fill is complete, at the limit price,
// as maker. Crossed orders are a prefix of each sorted side, so the cost is O(log n + k).
import type { EpochMs } from '../types.js';
import { remainingOf, unrest } from './account.js';
import type { EngineContext } from './context.js';
import { applyFill } from './fill.js';
import { toOrderView } from './order-view.js';
import type { OrderState } from './types.js';

export function fillCrossedResting(ctx: EngineContext, from: EpochMs, to: EpochMs): number {
  const crossed: OrderState[] = [];
  for (const [symbol, book] of ctx.state.resting.nonEmpty()) {
    const { low, high } = ctx.market.range(symbol, from, to);
    for (const o of book.buys.takeWhile((order) => (order.price ?? 0) >= low)) crossed.push(o);
    for (const o of book.sells.takeWhile((order) => (order.price ?? Infinity) <= high)) crossed.push(o);
  }
  // Decide fills in order of creation, across symbols and sides.
  crossed.sort((a, b) => a.seq - b.seq);
  for (const order of crossed) {
    const account = ctx.state.accounts.get(order.agentId);
    if (!account) continue; // unreachable: orders are dropped together with their agent
    const quantity = remainingOf(order);
    unrest(ctx, account, order, false); // already out of the index via takeWhile
    applyFill(ctx, account, order, order.price ?? 0, quantity, 'maker', to);
    order.status = 'filled';
    ctx.events.emit({ type: 'order.filled', agentId: order.agentId, at: to, order: toOrderView(order) });
  }
  return crossed.length;
}
