// The engine's only source of time. Three kinds, chosen with --clock:
//   real             wall clock (injected, so the engine itself never reads Date.now)
//   fixed:<ISO>      always the same instant: byte-identical responses, e.g. for golden files
//   virtual:<ISO>    starts at the instant and moves only through set()/advance() (control API)
import type { Clock, EpochMs } from './types.js';
import { realNow as defaultRealNow } from '../real-time.js';

export type ClockKind = 'real' | 'fixed' | 'virtual';

export interface ControllableClock extends Clock {
  readonly kind: ClockKind;
  /**
   * Jump to an instant (integer ms). Virtual clocks only. Going backwards IS allowed (a test may
   * rewind to replay a scenario); callers that need monotonic time must use advance().
   */
  set(ms: EpochMs): void;
  /** Move forward by a non-negative integer number of milliseconds. Virtual clocks only. */
  advance(ms: number): void;
}

/**
 * The farthest one control-API move may take a virtual clock (365 days, either way): settling
 * resting orders over the move costs time in proportion to the months it spans.
 */
export const MAX_CLOCK_MOVE_MS = 365 * 86_400_000;

const VALID_FORMS =
  'Valid forms: "real", "fixed:<ISO-8601 instant>", "virtual:<ISO-8601 instant>", ' +
  'e.g. "virtual:2025-01-01T00:00:00Z". A time of day needs a zone ("Z" or "+02:00").';

/** A malformed --clock spec. */
export class ClockSpecError extends Error {
  constructor(message: string) {
    super(`${message}. ${VALID_FORMS}`);
    this.name = 'ClockSpecError';
  }
}

/** set()/advance() on a clock that cannot be controlled (real or fixed). */
export class ClockNotControllableError extends Error {
  constructor(kind: ClockKind, op: string) {
    super(
      `Cannot ${op} a "${kind}" clock: only a virtual clock can be moved. ` +
        'Start the mock with --clock virtual:<ISO-8601>, e.g. --clock virtual:2025-01-01T00:00:00Z.',
    );
    this.name = 'ClockNotControllableError';
  }
}

// Date-only (UTC midnight) or date-time WITH a zone: Date.parse treats a zone-less date-time as
// local time, which would make the same spec mean different instants on different machines.
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Parses a strict ISO-8601 instant to epoch ms, or throws ClockSpecError. */
export function parseIsoInstant(iso: string): EpochMs {
  const m = ISO_RE.exec(iso);
  const ms = m ? Date.parse(iso) : Number.NaN;
  if (!m || Number.isNaN(ms)) throw new ClockSpecError(`Invalid ISO-8601 instant "${iso}"`);
  // Reject calendar overflow such as 2025-02-30 (some engines silently roll it over).
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new ClockSpecError(`Invalid calendar date in "${iso}"`);
  }
  return ms;
}

function requireInteger(ms: number, what: string): void {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`${what} must be an integer number of milliseconds, got ${ms}`);
}

/** Creates a clock from a --clock spec (undefined means "real"). */
export function createClock(spec: string | undefined, realNow: () => EpochMs = defaultRealNow): ControllableClock {
  const s = (spec ?? 'real').trim();
  if (s.toLowerCase() === 'real') {
    return {
      kind: 'real',
      now: () => realNow(),
      set: () => { throw new ClockNotControllableError('real', 'set'); },
      advance: () => { throw new ClockNotControllableError('real', 'advance'); },
    };
  }
  const colon = s.indexOf(':');
  const kind = colon < 0 ? s.toLowerCase() : s.slice(0, colon).toLowerCase();
  const iso = colon < 0 ? '' : s.slice(colon + 1);
  if (kind !== 'fixed' && kind !== 'virtual') throw new ClockSpecError(`Unknown clock spec "${s}"`);
  if (iso === '') throw new ClockSpecError(`Clock "${kind}" needs an instant`);
  const start = parseIsoInstant(iso);
  if (kind === 'fixed') {
    return {
      kind,
      now: () => start,
      set: () => { throw new ClockNotControllableError('fixed', 'set'); },
      advance: () => { throw new ClockNotControllableError('fixed', 'advance'); },
    };
  }
  let current = start;
  return {
    kind,
    now: () => current,
    set(ms: EpochMs): void {
      requireInteger(ms, 'set(ms)');
      current = ms;
    },
    advance(ms: number): void {
      requireInteger(ms, 'advance(ms)');
      if (ms < 0) throw new RangeError(`advance(ms) cannot go backwards (got ${ms}); use set() to rewind`);
      current += ms;
    },
  };
}
