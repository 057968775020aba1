// The part of placing and modifying that is shared: run a planned taker walk, then decide what
// happens to the remainder (rest for limits, expire for market orders) and announce it.
import type { EpochMs } from '../types.js';
import { remainingOf, rest, type AccountState } from './account.js';
import type { EngineContext } from './context.js';
import { applyFill } from './fill.js';
import type { WalkPlan } from './order-book-walk.js';
import { toOrderView } from './order-view.js';
import type { OrderState } from './types.js';

/**
 * Applies `plan` as taker fills. Afterwards a complete order is `filled`; a market order's unfilled
 * remainder (book exhausted) is dropped and the order is `expired` even if part of it filled; a
 * limit order's remainder rests as `open`/`partially_filled` with cash reserved.
 * Events: partially_filled/filled when this run filled something; canceled (status expired) when
 * a market order expires. The order must not be resting when this is called.
 */
export function executeAndFinish(
  ctx: EngineContext,
  account: AccountState,
  order: OrderState,
  plan: WalkPlan,
  at: EpochMs,
): void {
  for (const fill of plan.fills) applyFill(ctx, account, order, fill.price, fill.quantity, 'taker', at);
  order.updatedAt = at;
  const filledNow = plan.fills.length > 0;
  const agentId = account.agentId;

  if (remainingOf(order) <= 0) {
    order.status = 'filled';
    ctx.events.emit({ type: 'order.filled', agentId, at, order: toOrderView(order) });
    return;
  }
  if (order.type === 'market') {
    order.status = 'expired';
    if (filledNow) ctx.events.emit({ type: 'order.partially_filled', agentId, at, order: toOrderView(order) });
    ctx.events.emit({ type: 'order.canceled', agentId, at, order: toOrderView(order) });
    return;
  }
  order.status = order.filledQuantity > 0 ? 'partially_filled' : 'open';
  rest(ctx, account, order);
  if (filledNow) ctx.events.emit({ type: 'order.partially_filled', agentId, at, order: toOrderView(order) });
}
