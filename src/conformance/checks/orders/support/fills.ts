// An order's totals are the sums over its fills: filledQuantity, avgFillPrice (volume-weighted)
// and fees. Checks that trade hold every filled order to it and use the sums to follow the cash.
import type { CheckContext } from '../../../check-context.js';

export interface FilledOrder {
  orderId?: string;
  status?: string;
  filledQuantity?: number;
  avgFillPrice?: number | null;
  fees?: number;
  fills?: Array<{ price: number; quantity: number; fee: number }>;
}

export interface FillSums {
  quantity: number;
  notional: number;
  fees: number;
  fills: number;
}

export function expectFillsAddUp(ctx: CheckContext, order: FilledOrder | undefined, what: string): FillSums {
  const fills = order?.fills ?? [];
  const sums: FillSums = {
    quantity: fills.reduce((s, f) => s + f.quantity, 0),
    notional: fills.reduce((s, f) => s + f.price * f.quantity, 0),
    fees: fills.reduce((s, f) => s + f.fee, 0),
    fills: fills.length,
  };
  const avg = sums.quantity > 0 ? sums.notional / sums.quantity : null;
  // Quantities are exact to the lot; the average is rounded to the price's precision; fees to the cent per fill.
  const within = (a: number | null | undefined, b: number | null, slack: number): boolean => (a ?? null) === b || (typeof a === 'number' && b !== null && Math.abs(a - b) <= slack);
  const ok =
    fills.length > 0 &&
    within(order?.filledQuantity, sums.quantity, 1e-9) &&
    within(order?.avgFillPrice, avg, 1e-6 * Math.abs(avg ?? 0) + 0.005) &&
    within(order?.fees, sums.fees, 0.005 * (sums.fills + 1));
  if (!ok) {
    ctx.fail(
      `${what}: its totals are not the sums over its fills`,
      `filledQuantity ${sums.quantity}, avgFillPrice ${avg?.toFixed(6) ?? 'null'} (volume-weighted), fees ${sums.fees.toFixed(4)} from ${fills.length} fills`,
      `filledQuantity ${order?.filledQuantity}, avgFillPrice ${order?.avgFillPrice}, fees ${order?.fees}; fills ${JSON.stringify(fills).slice(0, 300)}`,
    );
  }
  return sums;
}
