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

/** A step as an integer over a power of ten (0.05 = 5 / 100), when it is exactly that double. */
interface Decimal { step: number; dec: number; numerator: number; scale: number; exact: boolean }
const decimals = new Map<number, Decimal>();
let lastDecimal: Decimal = { step: Number.NaN, dec: 0, numerator: 0, scale: 1, exact: false };
function decimalOf(step: number): Decimal {
  if (step === lastDecimal.step) return lastDecimal; // callers round with one coin's step at a time
  let d = decimals.get(step);
  if (d === undefined) {
    const dec = decimalsOf(step);
    const scale = 10 ** dec;
    const numerator = Math.round(step * scale);
    d = { step, dec, numerator, scale, exact: dec <= 22 && numerator / scale === step };
    decimals.set(step, d);
  }
  lastDecimal = d;
  return d;
}

// Whole steps to a number printed exactly as a tick multiple (never 95000.01000000001): the
// nearest double to units × step in decimal. toFixed() gives exactly that, but is slow and GET
// /market rounds ~70 numbers per request. For a step that is exactly numerator / 10^dec, the
// division (units × numerator) / 10^dec of two exact integers is correctly rounded, so it is that
// same double (test/engine/market/snap.test.ts compares the two). `+ 0` turns a -0 (from units
// -0) into 0, as toFixed() does.
const snap = (units: number, step: number): number => {
  const d = decimalOf(step);
  if (d.exact) {
    const n = units * d.numerator;
    if (Math.abs(n) < 2 ** 50) return n / d.scale + 0;
  }
  return Number((units * step).toFixed(d.dec));
};

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
