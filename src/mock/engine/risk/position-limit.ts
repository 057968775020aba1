// maxPositionSize: caps the USD notional an agent could end up holding in one symbol if every
// same-side open order filled. Orders that only reduce are exempt (checked by the caller).
import { EngineError } from '../errors.js';
import { openQty, positionQty, type AccountState } from '../trading/account.js';
import { roundMoney } from '../trading/round.js';
import type { OrderSide } from '../trading/types.js';

/**
 * projected = (position on the order's side + same-side open remaining + this quantity) × ref.
 * A position on the other side nets against it (a buy against a short first closes the short).
 * @param refPrice the limit price, or the current mid for market orders.
 */
export function projectedNotional(
  account: AccountState,
  symbol: string,
  side: OrderSide,
  quantity: number,
  refPrice: number,
  excludeRemaining = 0,
): number {
  const sign = side === 'buy' ? 1 : -1;
  const sameSide = sign * positionQty(account, symbol);
  const qty = Math.max(0, sameSide + openQty(account, symbol, side) - excludeRemaining + quantity);
  return roundMoney(qty * refPrice);
}

export function assertWithinPositionLimit(
  account: AccountState,
  symbol: string,
  side: OrderSide,
  quantity: number,
  refPrice: number,
  excludeRemaining = 0,
): void {
  const limit = account.maxPositionSize;
  if (limit === null) return;
  const projected = projectedNotional(account, symbol, side, quantity, refPrice, excludeRemaining);
  if (projected > limit) {
    throw new EngineError(
      'position_limit_exceeded',
      `This order would take your ${symbol} exposure to ${projected} USD, above your maxPositionSize of ${limit} USD. ` +
        'Reduce the quantity, cancel other open orders in this symbol, or close part of the position first.',
      { limit, projected, symbol },
    );
  }
}
