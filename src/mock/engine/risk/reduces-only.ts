// "Only reduces an existing position": the order (plus the same-side open orders already
// committed against that position) fits inside the opposite-side position. Such orders stay
// allowed while the daily-loss breaker is tripped and are exempt from the position limit.
import { openQty, positionQty, type AccountState } from '../trading/account.js';
import type { OrderSide } from '../trading/types.js';

const EPS = 1e-9;

/** Size of the position an order on `side` would close (long for sells, short for buys). */
export function closableQty(account: AccountState, symbol: string, side: OrderSide): number {
  const held = positionQty(account, symbol);
  return side === 'sell' ? Math.max(0, held) : Math.max(0, -held);
}

/**
 * @param excludeRemaining the order's own remaining quantity when it's being modified, since it
 *   is already counted in the open quantity.
 */
export function reducesOnly(
  account: AccountState,
  symbol: string,
  side: OrderSide,
  quantity: number,
  excludeRemaining = 0,
): boolean {
  const committed = openQty(account, symbol, side) - excludeRemaining;
  return quantity + committed <= closableQty(account, symbol, side) + EPS;
}
