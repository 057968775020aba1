// Pre-flight, the clock: how far the server's clock is from this machine's, from the Date headers
// of the probes. A Date header has one-second resolution, so each probe only bounds the offset:
// the server stamped its answer at a time in [Date, Date + 1 s) while this machine's clock was
// between sending and receiving. The bounds of several probes are intersected.
import type { TimedResponse } from './locate-api.js';

export interface OffsetEstimate {
  /** Server time minus this machine's time, in ms (the middle of the bounds). */
  offsetMs: number;
  /** Half the width of the bounds: the offset is offsetMs ± errorMs. */
  errorMs: number;
  /** The probe whose Date header is quoted as evidence. */
  sample: TimedResponse;
}

export function offsetFromDates(samples: readonly TimedResponse[]): OffsetEstimate | null {
  let low = -Infinity;
  let high = Infinity;
  let sample: TimedResponse | undefined;
  for (const s of samples) {
    const date = s.res.headers.date;
    const stamped = date === undefined ? Number.NaN : Date.parse(date);
    if (Number.isNaN(stamped)) continue;
    sample ??= s;
    low = Math.max(low, stamped - s.receivedAt);
    high = Math.min(high, stamped + 1000 - s.sentAt);
  }
  if (sample === undefined) return null;
  // Bounds that do not meet mean the server's clock jumped between probes: keep the last probe's.
  if (low > high) {
    const last = samples.at(-1) ?? sample;
    const stamped = Date.parse(last.res.headers.date ?? '');
    if (Number.isNaN(stamped)) return null;
    low = stamped - last.receivedAt;
    high = stamped + 1000 - last.sentAt;
  }
  return { offsetMs: Math.round((low + high) / 2), errorMs: Math.ceil((high - low) / 2), sample };
}

/** "45.2 s ahead of", "3.0 s behind" */
export function describeOffset(offsetMs: number): string {
  return `${(Math.abs(offsetMs) / 1000).toFixed(1)} s ${offsetMs >= 0 ? 'ahead of' : 'behind'}`;
}
