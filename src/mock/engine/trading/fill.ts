// Applies one execution to an order and its account: cash (fee charged in USD on both sides),
// position, order totals and the fill record. Reservations are the caller's business (rest/unrest).
import type { EpochMs } from '../types.js';
import type { AccountState } from './account.js';
import type { EngineContext } from './context.js';
import { feeFor, notionalOf } from './costs.js';
import { newFillId } from './ids.js';
import { applyTrade } from './positions.js';
import { roundMoney, roundTo } from './round.js';
import type { Liquidity, OrderState } from './types.js';

export function applyFill(
  ctx: EngineContext,
  account: AccountState,
  order: OrderState,
  price: number,
  quantity: number,
  liquidity: Liquidity,
  at: EpochMs,
): void {
  const notional = notionalOf(price, quantity);
  const fee = feeFor(notional, ctx.config.feeBps);
  account.cash = roundMoney(order.side === 'buy' ? account.cash - notional - fee : account.cash + notional - fee);

  const trade = applyTrade(account.positions.get(order.symbol), order.side, quantity, price, order.qtyDecimals);
  if (trade.position) account.positions.set(order.symbol, trade.position);
  else account.positions.delete(order.symbol);
  account.realizedPnl = roundMoney(account.realizedPnl + trade.realized);

  order.filledQuantity = roundTo(order.filledQuantity + quantity, order.qtyDecimals);
  order.filledNotional = roundMoney(order.filledNotional + notional);
  order.fees = roundMoney(order.fees + fee);
  order.fills.push({ fillId: newFillId(ctx), price, quantity, fee, liquidity, timestamp: at });
  order.updatedAt = at;
}
