// A recorded price path and the queries every series-backed market needs (replay, CoinGecko).
//
// Interpolation: linear in log price between recorded points, chosen over a seeded Brownian
// bridge because each segment is then monotone. The extremes of the path over any [a, b] are
// therefore the recorded points strictly inside it plus the two end values, so range(), candle
// high/low and the ticker's 24 h high/low are exact (not sampled) and fills decided by range()
// can never disagree with what candles show. The cost: candles finer than the recording
// interval look smooth. Outside the recording the path is flat: before the first point it holds
// the first price, after the last point the last price (a replay that runs past its end is
// a quiet market, not an error, and a live source holds its newest quote until the next one).
import type { EpochMs } from '../mock/engine/types.js';

/** [time ms, price USD, rolling 24 h USD volume at that time (CoinGecko's total_volumes)]. */
export type RecordedPoint = readonly [t: EpochMs, price: number, volume24h?: number];

export interface Series {
  readonly times: readonly number[];
  readonly prices: readonly number[];
  readonly logs: readonly number[];
  /** One per point (gaps filled from the nearest recorded neighbour); empty when none was recorded. */
  readonly volumes: readonly number[];
}

const YEAR = 365.25 * 24 * 3_600_000;

/** Builds a series; points must be non-empty, strictly increasing in time, with positive prices. */
export function buildSeries(points: readonly RecordedPoint[]): Series {
  if (points.length === 0) throw new RangeError('a series needs at least one point');
  const times: number[] = [];
  const prices: number[] = [];
  const raw: (number | undefined)[] = [];
  points.forEach(([t, p, v], i) => {
    if (!Number.isFinite(t) || (i > 0 && t <= times[i - 1]!)) throw new RangeError(`point ${i}: time ${t} is not after the previous point's`);
    if (!(p > 0) || !Number.isFinite(p)) throw new RangeError(`point ${i}: price must be a positive number, got ${p}`);
    times.push(t);
    prices.push(p);
    raw.push(v !== undefined && Number.isFinite(v) && v >= 0 ? v : undefined);
  });
  return { times, prices, logs: prices.map(Math.log), volumes: fillGaps(raw) };
}

/** Carries the last known volume forward, then the first one backward; [] if none is known. */
function fillGaps(raw: readonly (number | undefined)[]): number[] {
  const first = raw.find((v) => v !== undefined);
  if (first === undefined) return [];
  let last = first;
  return raw.map((v) => (last = v ?? last));
}

/** Index of the last point at or before t, or -1 when t precedes the first point. */
function locate(times: readonly number[], t: EpochMs): number {
  let lo = 0;
  let hi = times.length - 1;
  if (t < times[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Unrounded price at t. Exactly the recorded price at a recorded time (no exp(log(p)) drift). */
export function priceAt(s: Series, t: EpochMs): number {
  const i = locate(s.times, t);
  if (i < 0) return s.prices[0]!;
  if (i >= s.times.length - 1 || s.times[i] === t) return s.prices[i]!;
  const t0 = s.times[i]!;
  const f = (t - t0) / (s.times[i + 1]! - t0);
  const p = Math.exp(s.logs[i]! + (s.logs[i + 1]! - s.logs[i]!) * f);
  // Clamp away float error so the value provably lies between the two recorded prices.
  const a = s.prices[i]!;
  const b = s.prices[i + 1]!;
  return Math.min(Math.max(p, Math.min(a, b)), Math.max(a, b));
}

/** Extremes of the path over [a, b] (a <= b, both included); exact because segments are monotone. */
export function rangeOf(s: Series, a: EpochMs, b: EpochMs): { min: number; max: number } {
  const pa = priceAt(s, a);
  const pb = priceAt(s, b);
  let min = Math.min(pa, pb);
  let max = Math.max(pa, pb);
  for (let i = locate(s.times, a) + 1; i < s.times.length && s.times[i]! < b; i++) {
    const p = s.prices[i]!;
    if (p < min) min = p;
    if (p > max) max = p;
  }
  return { min, max };
}

/** Rolling 24 h USD volume at t (linear between points, held outside), or undefined if none was recorded. */
export function volumeAt(s: Series, t: EpochMs): number | undefined {
  if (s.volumes.length === 0) return undefined;
  const i = locate(s.times, t);
  if (i < 0) return s.volumes[0]!;
  if (i >= s.times.length - 1) return s.volumes[i]!;
  const t0 = s.times[i]!;
  const f = (t - t0) / (s.times[i + 1]! - t0);
  return s.volumes[i]! + (s.volumes[i + 1]! - s.volumes[i]!) * f;
}

/**
 * Annualised realised volatility of the recorded points (the book builder scales its spread with
 * it). Clamped to [0.05, 3] so a flat or jumpy recording still gives a sane book; 0.6 if unknown.
 */
export function realisedVolatility(s: Series): number {
  let variance = 0;
  let span = 0;
  for (let i = 1; i < s.times.length; i++) {
    const d = s.logs[i]! - s.logs[i - 1]!;
    variance += d * d;
    span += s.times[i]! - s.times[i - 1]!;
  }
  if (span === 0) return 0.6;
  return Math.min(3, Math.max(0.05, Math.sqrt((variance / span) * YEAR)));
}
