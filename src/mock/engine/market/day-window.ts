// The 24 h window of a ticker at t, as scan(path, c, t - DAY, t, true) sees it, split into what is
// the same for every t inside one minute (the full minutes' extremes and volume, the volume of the
// two minutes the window's ends cut, the hour blocks the ends lie in) and what is not (where in
// those minutes the ends lie). GET /market asks for every coin's ticker on every request and a
// real clock moves by the millisecond, so the minute's part is kept per coin: a ticker then costs
// two interpolations and a few multiplications, with results bit-identical to scan()'s (the same
// operations on the same numbers, in the same order).
import type { EpochMs } from '../types.js';
import { DAY, EPOCH, HOUR, MINUTE } from './grid.js';
import type { HourBlock, PricePath, Summary } from './path.js';
import { aggregateMemo, interpolate, merge, minuteVolume, rawPrice, scan } from './scan.js';

export interface DayWindow extends Summary {
  /** The unrounded mid at t - DAY and at t. */
  open: number;
  close: number;
}

interface MinutePart {
  /** The minute of t (counted from the epoch) this part is for. */
  nb: number;
  /** Minutes na+1..nb in full, merged into an empty summary as scan() does. */
  full: Summary;
  /** USD and coin volume of minute na (the window's start cuts it) and of minute nb (its end cuts it). */
  volA: [number, number];
  volB: [number, number];
  hourA: number;
  blockA: HourBlock;
  hourB: number;
  blockB: HourBlock;
}

export type DayWindows = (c: number, t: EpochMs) => DayWindow;

export function createDayWindows(path: PricePath): DayWindows {
  const parts = new Map<number, MinutePart>(); // by coin: the minute asked last

  const partFor = (c: number, na: number, nb: number, a: EpochMs, t: EpochMs): MinutePart => {
    const found = parts.get(c);
    if (found?.nb === nb) return found;
    const full: Summary = { min: Infinity, max: -Infinity, volUsd: 0, volCoin: 0 };
    merge(full, aggregateMemo(path, c, na + 1, nb));
    const hourA = Math.floor((a - EPOCH) / HOUR);
    const hourB = Math.floor((t - EPOCH) / HOUR);
    const part: MinutePart = {
      nb, full, volA: minuteVolume(path, c, na), volB: minuteVolume(path, c, nb),
      hourA, blockA: path.hour(c, hourA), hourB, blockB: path.hour(c, hourB),
    };
    parts.set(c, part);
    return part;
  };

  return (c, t) => {
    const a = t - DAY;
    const na = Math.floor((a - EPOCH) / MINUTE);
    const fa = (a - EPOCH - na * MINUTE) / MINUTE;
    const nb = Math.floor((t - EPOCH) / MINUTE);
    const fb = (t - EPOCH - nb * MINUTE) / MINUTE;
    // On a minute boundary the window starts on a grid point (scan counts minute na in full then);
    // that one millisecond in 60 000 takes scan's own way.
    if (!(fa > 0) || nb !== na + DAY / MINUTE) return { ...scan(path, c, a, t, true), open: rawPrice(path, c, a), close: rawPrice(path, c, t) };
    const part = partFor(c, na, nb, a, t);
    const { full } = part;
    const w: DayWindow = { min: full.min, max: full.max, volUsd: full.volUsd, volCoin: full.volCoin, open: 0, close: 0 };
    w.volUsd += (1 - fa) * part.volA[0];
    w.volCoin += (1 - fa) * part.volA[1];
    w.volUsd -= (1 - fb) * part.volB[0];
    w.volCoin -= (1 - fb) * part.volB[1];
    w.open = interpolate(part.blockA, a - EPOCH - part.hourA * HOUR);
    w.close = interpolate(part.blockB, t - EPOCH - part.hourB * HOUR);
    for (const p of [w.open, w.close]) {
      if (p < w.min) w.min = p;
      if (p > w.max) w.max = p;
    }
    return w;
  };
}
