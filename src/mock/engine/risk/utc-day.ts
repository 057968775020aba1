// UTC day arithmetic on epoch milliseconds. Plain integer maths: UTC has no DST and the engine
// ignores leap seconds (as does epoch time), so a day is always 86 400 000 ms.
import type { EpochMs } from '../types.js';

export const DAY_MS = 86_400_000;

/** 00:00 UTC of the day containing t. */
export function utcDayStart(t: EpochMs): EpochMs {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** The first 00:00 UTC strictly after t. */
export function nextUtcMidnight(t: EpochMs): EpochMs {
  return utcDayStart(t) + DAY_MS;
}
