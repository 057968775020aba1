// Certain bounds of the minute path over an hour, a day or a month block, from the coarse levels
// alone: no minute is computed. They let the engine skip, in one step, a month in which no resting
// order can possibly fill, instead of scanning its 46 080 minutes (settle.ts, quiet.ts).
//
// Every level below the month is a bridge between its two end levels (path.ts), and every
// Gaussian behind it is bounded, so its distance from the straight chord is bounded too. A bridge
// of n steps each at most M in size strays at most 2M·i(n−i)/n ≤ nM/2 from the chord, hence
//   minutes in an hour (n = 60):  |stray| ≤ 30 · QUICK_NORMAL_MAX    · sdMinute
//   hours in a day (n = 24):      |stray| ≤ 12 · NORMAL_FROM_HASH_MAX · sdHour
// in log-price, with the per-step sd of path.ts (sigma/√(365·1440) and sigma/√(365·24), times the
// day's regime). A day's prices lie within its two end levels widened by both; a month's within
// the union of its days'. The bounds are loose (about ×1.7 on a normal day) but certain.
import { NORMAL_FROM_HASH_MAX, QUICK_NORMAL_MAX } from '../random.js';
import { Lru } from './lru.js';
import { DAYS_PER_YEAR, MONTH_DAYS, type PricePath } from './path.js';

/** Lowest and highest raw (unrounded) price a stretch of the minute path can reach. */
export interface Bounds {
  lo: number;
  hi: number;
}

// Rounding in exp() and in the bridge sums is far below this; it keeps the bounds certain.
const SLACK = 1e-9;

const minuteStray = (sigma: number, regime: number): number => 30 * QUICK_NORMAL_MAX * (sigma / Math.sqrt(DAYS_PER_YEAR * 1440)) * regime;
const hourStray = (sigma: number, regime: number): number => 12 * NORMAL_FROM_HASH_MAX * (sigma / Math.sqrt(DAYS_PER_YEAR * 24)) * regime;

const toBounds = (logLo: number, logHi: number): Bounds => ({ lo: Math.exp(logLo) * (1 - SLACK), hi: Math.exp(logHi) * (1 + SLACK) });

/** Bounds of the 61 minute points of hour h (hours counted from the epoch). */
export function hourBounds(path: PricePath, c: number, h: number): Bounds {
  const d = Math.floor(h / 24);
  const { lvl, regime } = path.dayHours(c, d);
  const a = lvl[h - d * 24]!;
  const b = lvl[h - d * 24 + 1]!;
  const stray = minuteStray(path.sigma(c), regime);
  return toBounds(Math.min(a, b) - stray, Math.max(a, b) + stray);
}

/** Bounds of the minute points of day d (days counted from the epoch), both midnights included. */
export function dayBounds(path: PricePath, c: number, d: number): Bounds {
  const m = Math.floor(d / MONTH_DAYS);
  const { lvl, regimes } = path.monthDays(c, m);
  const j = d - m * MONTH_DAYS;
  const a = lvl[j]!;
  const b = lvl[j + 1]!;
  const sigma = path.sigma(c);
  const stray = minuteStray(sigma, regimes[j]!) + hourStray(sigma, regimes[j]!);
  return toBounds(Math.min(a, b) - stray, Math.max(a, b) + stray);
}

const monthMemo = new WeakMap<PricePath, Lru<number, Bounds>>();

/** Bounds of the minute points of month block m (32 days from the epoch's blocks), remembered. */
export function monthBounds(path: PricePath, c: number, m: number): Bounds {
  let memo = monthMemo.get(path);
  if (!memo) {
    memo = new Lru<number, Bounds>(32_768);
    monthMemo.set(path, memo);
  }
  return memo.getOrCreate(m * 64 + c, () => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < MONTH_DAYS; j++) {
      const day = dayBounds(path, c, m * MONTH_DAYS + j);
      lo = Math.min(lo, day.lo);
      hi = Math.max(hi, day.hi);
    }
    return { lo, hi };
  });
}
