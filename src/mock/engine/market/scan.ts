// Queries over the minute path: the (unrounded) price at any instant and the extremes/volume
// over any closed interval [a, b]. Between grid points the price is interpolated linearly, so
// the extremes of the continuous path on [a, b] are attained at grid points inside [a, b] or at
// the two end points: that is exactly what scan() returns. Long spans use per-hour and per-day
// summaries, so a year costs ~365 cached lookups rather than 525 600 points.
import type { EpochMs } from '../types.js';
import { EPOCH, HOUR, MINUTE } from './grid.js';
import { Lru } from './lru.js';
import type { HourBlock, PricePath, Summary } from './path.js';

// The full minutes of a 24 h ticker window are the same for every t inside one minute (a day is
// a whole number of minutes), so their aggregate is remembered per (path, coin, first, last):
// GET /market computes every coin's ticker on every request, and this makes each one O(1).
const windowMemo = new WeakMap<PricePath, Lru<string, Summary>>();

export function aggregateMemo(path: PricePath, c: number, n0: number, n1: number): Summary {
  let memo = windowMemo.get(path);
  if (!memo) {
    memo = new Lru<string, Summary>(1024);
    windowMemo.set(path, memo);
  }
  return memo.getOrCreate(`${c}:${n0}:${n1}`, () => {
    const acc: Summary = { min: Infinity, max: -Infinity, volUsd: 0, volCoin: 0 };
    aggregate(path, c, n0, n1, acc);
    return acc;
  });
}

/** Unrounded mid at t: linear interpolation between the surrounding minute grid points. */
export function rawPrice(path: PricePath, c: number, t: EpochMs): number {
  const off = t - EPOCH;
  const h = Math.floor(off / HOUR);
  return interpolate(path.hour(c, h), off - h * HOUR);
}

/** The unrounded mid `inHour` ms (in [0, HOUR)) into the hour of block b. */
export function interpolate(b: HourBlock, inHour: number): number {
  const x = inHour / MINUTE; // position in the hour, [0, 60)
  const i = Math.floor(x);
  const p0 = b.p[i]!;
  return p0 + (b.p[i + 1]! - p0) * (x - i);
}

/** USD and coin volume of minute n (minutes counted from the epoch). */
export function minuteVolume(path: PricePath, c: number, n: number): [number, number] {
  const h = Math.floor(n / 60);
  const i = n - h * 60;
  const b = path.hour(c, h);
  return [b.cu[i + 1]! - b.cu[i]!, b.cc[i + 1]! - b.cc[i]!];
}

/** Adds minutes n0..n1 (inclusive; grid points and their full-minute volume) to acc. */
function aggregate(path: PricePath, c: number, n0: number, n1: number, acc: Summary): void {
  let n = n0;
  while (n <= n1) {
    const h = Math.floor(n / 60);
    const i = n - h * 60;
    if (i === 0) {
      const d = Math.floor(h / 24);
      if (h === d * 24 && n + 1439 <= n1) {
        merge(acc, path.day(c, d));
        n += 1440;
        continue;
      }
      if (n + 59 <= n1) {
        merge(acc, path.hourSummary(c, h));
        n += 60;
        continue;
      }
    }
    const b = path.hour(c, h);
    const last = Math.min(59, n1 - h * 60);
    for (let k = i; k <= last; k++) {
      const p = b.p[k]!;
      if (p < acc.min) acc.min = p;
      if (p > acc.max) acc.max = p;
    }
    acc.volUsd += b.cu[last + 1]! - b.cu[i]!;
    acc.volCoin += b.cc[last + 1]! - b.cc[i]!;
    n = h * 60 + last + 1;
  }
}

export function merge(acc: Summary, s: Summary): void {
  if (s.min < acc.min) acc.min = s.min;
  if (s.max > acc.max) acc.max = s.max;
  acc.volUsd += s.volUsd;
  acc.volCoin += s.volCoin;
}

/**
 * Extremes of the path over [a, b] (a <= b; both ends included) and the volume traded in it.
 * Volume accrues uniformly within each minute, so partial minutes count pro rata.
 */
export function scan(path: PricePath, c: number, a: EpochMs, b: EpochMs, memoize = false): Summary {
  const na = Math.floor((a - EPOCH) / MINUTE);
  const fa = (a - EPOCH - na * MINUTE) / MINUTE;
  const nb = Math.floor((b - EPOCH) / MINUTE);
  const fb = (b - EPOCH - nb * MINUTE) / MINUTE;
  const acc: Summary = { min: Infinity, max: -Infinity, volUsd: 0, volCoin: 0 };
  const first = fa > 0 ? na + 1 : na; // first grid point >= a
  if (first > nb) {
    // a and b inside the same minute, no grid point between them.
    const [u, q] = minuteVolume(path, c, na);
    acc.volUsd = (fb - fa) * u;
    acc.volCoin = (fb - fa) * q;
  } else {
    if (memoize) merge(acc, aggregateMemo(path, c, first, nb));
    else aggregate(path, c, first, nb, acc); // counts minutes first..nb in full
    if (fa > 0) {
      const [u, q] = minuteVolume(path, c, na);
      acc.volUsd += (1 - fa) * u;
      acc.volCoin += (1 - fa) * q;
    }
    const [u, q] = minuteVolume(path, c, nb);
    acc.volUsd -= (1 - fb) * u;
    acc.volCoin -= (1 - fb) * q;
  }
  for (const p of [rawPrice(path, c, a), rawPrice(path, c, b)]) {
    if (p < acc.min) acc.min = p;
    if (p > acc.max) acc.max = p;
  }
  return acc;
}
