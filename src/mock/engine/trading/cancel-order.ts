import { unrest, type AccountState } from './account.js';
import type { EngineContext } from './context.js';
import { requireModifiable, requireOwnOrder } from './order-lookup.js';
import { toOrderView } from './order-view.js';
import type { OrderView } from './types.js';

/** Cancels the unfilled remainder; fills already made stay. Releases the exact reservation. */
export function cancelOrder(ctx: EngineContext, account: AccountState, orderId: string): OrderView {
  const order = requireOwnOrder(ctx, account, orderId);
  requireModifiable(order, 'canceled');
  const now = ctx.clock.now();
  unrest(ctx, account, order);
  order.status = 'canceled';
  order.updatedAt = now;
  ctx.events.emit({ type: 'order.canceled', agentId: account.agentId, at: now, order: toOrderView(order) });
  return toOrderView(order);
}
