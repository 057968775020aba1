// Copies of internal orders for callers and events: nothing returned aliases engine state.
import { remainingOf } from './account.js';
import { roundMoney } from './round.js';
import type { OrderState, OrderView } from './types.js';

export function toOrderView(order: OrderState): OrderView {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    price: order.price,
    status: order.status,
    filledQuantity: order.filledQuantity,
    // An expired/canceled/rejected order keeps the unfilled part visible as "remaining".
    remainingQuantity: remainingOf(order),
    avgFillPrice: order.filledQuantity > 0 ? roundMoney(order.filledNotional / order.filledQuantity) : null,
    fees: order.fees,
    fills: order.fills.map((f) => ({ ...f })),
    rejectReason: order.rejectReason,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
