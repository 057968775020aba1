// Position arithmetic: weighted average entry on adds, realised P&L on reductions, flip through
// zero opens a fresh position at the trade price. Realised P&L is gross of fees (fees are on the
// orders and already taken from cash).
import { roundMoney, roundTo } from './round.js';
import type { OrderSide, PositionState } from './types.js';

export interface TradeResult {
  /** undefined when the position is flat afterwards (callers delete it). */
  position: PositionState | undefined;
  realized: number;
}

export function applyTrade(
  current: PositionState | undefined,
  side: OrderSide,
  quantity: number,
  price: number,
  qtyDecimals: number,
): TradeResult {
  const signed = side === 'buy' ? quantity : -quantity;
  const held = current?.quantity ?? 0;
  const prior = current?.realizedPnl ?? 0;
  const next = roundTo(held + signed, qtyDecimals);

  if (held === 0 || Math.sign(held) === Math.sign(signed)) {
    // Opening or adding: the average entry is weighted by size.
    const avg = roundMoney((Math.abs(held) * (current?.avgPrice ?? 0) + quantity * price) / Math.abs(next));
    return { position: { quantity: next, avgPrice: avg, realizedPnl: prior }, realized: 0 };
  }

  // Reducing (maybe through zero): realise on the closed part only.
  const closed = Math.min(quantity, Math.abs(held));
  const avg = current?.avgPrice ?? 0;
  const realized = roundMoney((price - avg) * closed * Math.sign(held));
  const realizedPnl = roundMoney(prior + realized);
  if (next === 0) return { position: undefined, realized };
  if (Math.sign(next) !== Math.sign(held)) {
    return { position: { quantity: next, avgPrice: price, realizedPnl }, realized };
  }
  return { position: { quantity: next, avgPrice: avg, realizedPnl }, realized };
}
