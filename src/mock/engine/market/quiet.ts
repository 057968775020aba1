// quietUntil() of the model market: how long the price surely stays strictly between two limits.
// It walks the minute grid from `from` in the largest aligned steps the certain bounds of
// path-bounds.ts allow (a 32-day block, a day, an hour) and reads single minutes only where the
// price comes near a limit, so a year far from every limit costs a dozen steps, not 525 600.
import type { EpochMs } from '../types.js';
import { EPOCH, MINUTE, roundToStep } from './grid.js';
import { dayBounds, hourBounds, monthBounds } from './path-bounds.js';
import { rawPrice } from './scan.js';
import { MONTH_DAYS, type PricePath } from './path.js';

const DAY_MINUTES = 1440;

/**
 * The latest t in [from, to] such that every price on [from, t], rounded to the tick, is > below
 * and < above (as range() would report it); `from` when the price at `from` is not. Never later
 * than the truth, and less than a minute earlier.
 */
export function quietUntil(path: PricePath, c: number, tick: number, from: EpochMs, to: EpochMs, below: number, above: number): EpochMs {
  if (to <= from) return from;
  const inside = (lo: number, hi: number): boolean => roundToStep(lo, tick) > below && roundToStep(hi, tick) < above;
  const hourInside = (s: { min: number; max: number }): boolean => inside(s.min, s.max);
  const at = (t: EpochMs): boolean => {
    const price = rawPrice(path, c, t);
    return inside(price, price);
  };
  // Between grid points the price is linear, so the two ends and the grid points between decide.
  if (!at(from)) return from;
  const last = Math.floor((to - EPOCH) / MINUTE);
  let n = Math.ceil((from - EPOCH) / MINUTE);
  walk: while (n <= last) {
    const d = Math.floor(n / DAY_MINUTES);
    if (n === d * DAY_MINUTES) {
      const m = Math.floor(d / MONTH_DAYS);
      const month = d === m * MONTH_DAYS ? monthBounds(path, c, m) : null;
      if (month && inside(month.lo, month.hi)) {
        n += MONTH_DAYS * DAY_MINUTES;
        continue;
      }
      const day = dayBounds(path, c, d);
      if (inside(day.lo, day.hi)) {
        n += DAY_MINUTES;
        continue;
      }
    }
    const h = Math.floor(n / 60);
    if (n === h * 60) {
      const hour = hourBounds(path, c, h);
      // The bounds are loose; the hour's exact extremes (remembered) come next, then minutes.
      if (inside(hour.lo, hour.hi) || hourInside(path.hourSummary(c, h))) {
        n += 60;
        continue;
      }
    }
    const { p } = path.hour(c, h);
    for (let i = n - h * 60; i < 60; i++, n++) {
      if (!inside(p[i]!, p[i]!)) break walk;
    }
  }
  if (n > last) return at(to) ? to : Math.max(from, EPOCH + last * MINUTE);
  // Grid point n is not inside: quiet up to the one before it (or only at `from`).
  return Math.max(from, EPOCH + (n - 1) * MINUTE);
}
