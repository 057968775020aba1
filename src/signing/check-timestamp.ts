import { SIGNATURE_WINDOW_MS, TIMESTAMP_HEADER, TIMESTAMP_PATTERN } from './constants.js';

export type TimestampCheck =
  | { ok: true; timestampMs: number }
  | {
      ok: false;
      code: 'missing_timestamp' | 'invalid_timestamp' | 'timestamp_out_of_window';
      detail: string;
      /** Only for timestamp_out_of_window: timestamp − serverNow; positive = client clock ahead. */
      skewMs?: number;
    };

/**
 * Validates X-NX-Timestamp against the server clock. Pure: the caller injects `nowMs`, so the
 * mock exchange's deterministic clock and the tests decide what "now" is.
 *
 * The details are written for the agent developer reading the 401: they say what was wrong
 * and what to send instead, and recognise the usual unit mistakes (seconds, microseconds).
 */
export function checkTimestamp(header: string | undefined, nowMs: number, windowMs = SIGNATURE_WINDOW_MS): TimestampCheck {
  // An empty value counts as missing, like an empty X-NX-Key or X-NX-Signature: it is what an
  // unset variable produces, and "missing" points at that cause better than "invalid".
  if (header === undefined || header === '') {
    return {
      ok: false,
      code: 'missing_timestamp',
      detail: `${TIMESTAMP_HEADER} is ${header === undefined ? 'missing' : 'empty'}; send the request time in milliseconds since the Unix epoch (the value you signed).`,
    };
  }
  if (!TIMESTAMP_PATTERN.test(header)) {
    return { ok: false, code: 'invalid_timestamp', detail: invalidDetail(header) };
  }

  // At most 16 digits, so Number() is exact for every value that can fall inside the window;
  // larger 16-digit values may round, but they are out of the window by centuries either way.
  const timestampMs = Number(header);
  const skewMs = timestampMs - nowMs;
  // Inclusive on both ends: |skew| === windowMs is accepted.
  if (Math.abs(skewMs) <= windowMs) return { ok: true, timestampMs };

  let detail: string;
  if (Math.abs(timestampMs * 1000 - nowMs) <= windowMs) {
    detail = `${TIMESTAMP_HEADER} '${header}' looks like seconds; send milliseconds since the Unix epoch (13 digits today, e.g. Date.now()) and sign that same value.`;
  } else if (Math.abs(Math.floor(timestampMs / 1000) - nowMs) <= windowMs) {
    detail = `${TIMESTAMP_HEADER} '${header}' looks like microseconds; send milliseconds since the Unix epoch and sign that same value.`;
  } else {
    const direction = skewMs > 0 ? 'ahead of' : 'behind';
    detail =
      `${TIMESTAMP_HEADER} '${header}' is ${Math.abs(skewMs)} ms ${direction} server time ${nowMs}; ` +
      `requests must be within ±${windowMs} ms. Sync the client clock (NTP) and take the timestamp when sending, not when building the request.`;
  }
  return { ok: false, code: 'timestamp_out_of_window', detail, skewMs };
}

function invalidDetail(header: string): string {
  const expected = 'send an integer of milliseconds since the Unix epoch, e.g. 1764072000000';
  if (/^[0-9]{17,}$/.test(header)) {
    return `${TIMESTAMP_HEADER} has ${header.length} digits (at most 16 are accepted) — microseconds or nanoseconds?; ${expected}.`;
  }
  if (/^[+-]/.test(header)) return `${TIMESTAMP_HEADER} '${header}' has a sign; ${expected}.`;
  if (/^[0-9]*[.,][0-9]*$/.test(header)) {
    return `${TIMESTAMP_HEADER} '${header}' has a fraction (seconds as a float, e.g. Python time.time()?); ${expected}.`;
  }
  return `${TIMESTAMP_HEADER} ${JSON.stringify(header)} is not a base-10 integer; ${expected}.`;
}
