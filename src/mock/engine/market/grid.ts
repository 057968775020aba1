// Time grid constants and price/quantity rounding shared by the model and the override layer.
import type { CoinSpec, EpochMs, Ticker } from '../types.js';

/**
 * The model's anchor: minute index 0 is 2025-11-01T00:00:00Z, where the price is exactly the
 * coin's startPrice. The coin table holds late-2025 prices, so the epoch sits in late 2025 too.
 */
export const EPOCH: EpochMs = Date.UTC(2025, 10, 1);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const decimalsCache = new Map<number, number>();
/** Number of decimals of a step such as 0.01 or 1e-9 (String(1e-9) is "1e-9", so test numerically). */
export function decimalsOf(step: number): number {
  let dec = decimalsCache.get(step);
  if (dec === undefined) {
    dec = 15;
    for (let d = 0; d <= 15; d++) {
      const scaled = step * 10 ** d;
      if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) { dec = d; break; }
    }
    decimalsCache.set(step, dec);
  }
  return dec;
}

// toFixed strips binary noise (95000.01000000001) so values print exactly as tick multiples.
const snap = (units: number, step: number): number => Number((units * step).toFixed(decimalsOf(step)));

/** Nearest multiple of step (at least one step, so prices stay positive). Monotone in x. */
export const roundToStep = (x: number, step: number): number => snap(Math.max(1, Math.round(x / step)), step);
/** Largest multiple of step <= x (may be 0 or negative). The epsilon absorbs x/step = 2.9999999. */
export const floorToStep = (x: number, step: number): number => snap(Math.floor(x / step + 1e-9), step);
/** Smallest multiple of step >= x. */
export const ceilToStep = (x: number, step: number): number => snap(Math.ceil(x / step - 1e-9), step);

/** Percent change, rounded to 2 decimals (the usual exchange display precision). */
export const percentChange = (now: number, before: number): number => Number((((now - before) / before) * 100).toFixed(2));

/** Builds a ticker; shared so the model and the override layer format it identically. */
export function assembleTicker(
  coin: CoinSpec, t: EpochMs, price: number, price24hAgo: number, range: { low: number; high: number }, volume24h: number,
): Ticker {
  return {
    id: coin.id,
    symbol: coin.symbol,
    name: coin.name,
    price,
    change24h: percentChange(price, price24hAgo),
    volume24h: Math.round(volume24h * 100) / 100,
    high24h: range.high,
    low24h: range.low,
    marketCap: Math.round(price * coin.supply),
    updatedAt: t,
  };
}
