// Candle windows and argument validation shared by the model and the override layer.
// A candle covers [openTime, closeTime] with closeTime = openTime + interval - 1 (Binance style);
// buckets are aligned to the Unix epoch, i.e. UTC midnight for 1d. The candle containing t is
// partial: its window ends at t and its close is price(t).
import type { CandleInterval, EpochMs } from '../types.js';
import { DAY, HOUR, MINUTE } from './grid.js';

export const INTERVAL_MS: Readonly<Record<CandleInterval, number>> = Object.freeze({
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': HOUR,
  '4h': 4 * HOUR,
  '1d': DAY,
});

export const MAX_CANDLES = 1000;
export const MAX_DEPTH = 100;

export interface CandleWindow {
  openTime: EpochMs;
  closeTime: EpochMs;
  /** min(closeTime, t): where the data of the window stops. */
  end: EpochMs;
}

export function isCandleInterval(x: string): x is CandleInterval {
  return Object.hasOwn(INTERVAL_MS, x);
}

/** The last `limit` windows up to and including the one containing t, oldest first. */
export function candleWindows(interval: CandleInterval, limit: number, t: EpochMs): CandleWindow[] {
  if (!isCandleInterval(interval)) throw new RangeError(`Unknown candle interval "${String(interval)}" (use ${Object.keys(INTERVAL_MS).join(', ')})`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CANDLES) throw new RangeError(`limit must be an integer in 1..${MAX_CANDLES}, got ${limit}`);
  const ms = INTERVAL_MS[interval];
  const lastOpen = Math.floor(t / ms) * ms;
  const out: CandleWindow[] = [];
  for (let k = limit - 1; k >= 0; k--) {
    const openTime = lastOpen - k * ms;
    const closeTime = openTime + ms - 1;
    out.push({ openTime, closeTime, end: Math.min(closeTime, t) });
  }
  return out;
}

export function checkDepth(depth: number): void {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw new RangeError(`depth must be an integer in 1..${MAX_DEPTH}, got ${depth}`);
}

export function checkTime(t: EpochMs, what = 't'): void {
  if (!Number.isFinite(t)) throw new RangeError(`${what} must be a finite epoch-ms number, got ${t}`);
}
