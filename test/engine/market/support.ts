// Shared helpers for the market model tests.
import { createModelMarket } from '../../../src/mock/engine/market/index.js';
import type { CoinSpec } from '../../../src/mock/engine/types.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** A mid-path instant with seconds and milliseconds, so interpolation is exercised. */
export const T = Date.UTC(2026, 0, 5, 12, 34, 56, 789);

export const market = createModelMarket({ seed: 42 });

/** Is x a multiple of step, allowing for binary noise? */
export function onGrid(x: number, step: number): boolean {
  const units = x / step;
  return Math.abs(units - Math.round(units)) < 1e-6 + 1e-12 * Math.abs(units);
}

export const coin = (symbol: string): CoinSpec => {
  const c = market.coin(symbol);
  if (!c) throw new Error(`no ${symbol}`);
  return c;
};

/**
 * Brute-force extremes of price over [from, to]: every minute grid point inside, both ends, and
 * any extra instants inside (override boundaries, where the path jumps: the last ms before one
 * is a real price of the span).
 */
export function bruteRange(
  m: { price(s: string, t: number): number }, symbol: string, from: number, to: number, extra: number[] = [],
): { low: number; high: number } {
  const ps = [m.price(symbol, from), m.price(symbol, to)];
  for (const t of extra) if (t >= from && t <= to) ps.push(m.price(symbol, t));
  for (let g = Math.ceil(from / MINUTE) * MINUTE; g <= to; g += MINUTE) ps.push(m.price(symbol, g));
  return { low: Math.min(...ps), high: Math.max(...ps) };
}
