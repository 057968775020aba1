// Fee and cost arithmetic, shared by the funds check, reservations and fills so that the amount
// reserved for a resting buy is bit-for-bit the amount its fill later costs (release is exact).
import { roundMoney } from './round.js';

export function feeFor(notional: number, feeBps: number): number {
  return roundMoney((notional * feeBps) / 10_000);
}

export function notionalOf(price: number, quantity: number): number {
  return roundMoney(price * quantity);
}

/** Cash a buy of `quantity` at `price` consumes: notional plus fee. */
export function buyCost(price: number, quantity: number, feeBps: number): number {
  const notional = notionalOf(price, quantity);
  return roundMoney(notional + feeFor(notional, feeBps));
}

/** Hard cap on a single order's notional: keeps every money value well inside float precision. */
export const MAX_ORDER_NOTIONAL = 1e9;
