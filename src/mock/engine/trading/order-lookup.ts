// Order lookups scoped to one agent. Another agent's order is reported exactly like a missing one,
// so ids can't be probed for existence across agents.
import { EngineError } from '../errors.js';
import type { AccountState } from './account.js';
import { resolveOrder } from '../state/order-archive.js';
import type { EngineContext } from './context.js';
import { isOpen, type OrderState } from './types.js';

export function requireOwnOrder(ctx: EngineContext, account: AccountState, orderId: string): OrderState {
  const order = typeof orderId === 'string' ? ctx.state.orders.get(orderId) : undefined;
  if (!order || order.agentId !== account.agentId) {
    throw new EngineError('order_not_found', `No order ${JSON.stringify(orderId)} exists for this agent.`, {
      orderId,
    });
  }
  return resolveOrder(ctx, order);
}

export function requireModifiable(order: OrderState, action: 'modified' | 'canceled'): void {
  if (isOpen(order)) return;
  throw new EngineError(
    'order_not_modifiable',
    `Order ${order.orderId} is ${order.status} and can no longer be ${action}; only open or partially_filled orders can.`,
    // `orderStatus`, as the spec names it: `status` in a problem body is the HTTP status.
    { orderId: order.orderId, orderStatus: order.status },
  );
}
