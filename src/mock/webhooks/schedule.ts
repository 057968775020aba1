// The retry schedule, in the mock's clock. Attempt 1 is due when the event happens; attempt n+1
// is due RETRY_DELAYS_MS[n] after attempt n finished without a 2xx (non-2xx, network error,
// time-out or a refused target). After the last attempt fails the message is given up ("failed").
//
//   attempt:  1     2     3      4      5       6
//   delay:    0 s   5 s   30 s   2 min  10 min  30 min   → 6 attempts over ~42.5 min, then failed
//
// A virtual clock makes retries happen only when it is moved (POST /__nx/clock); a jump that
// passes several due times still gives one attempt, whose failure schedules the next from then.
// A fixed clock never moves, so only first attempts and redeliveries happen on it.

export const RETRY_DELAYS_MS: readonly number[] = [0, 5_000, 30_000, 120_000, 600_000, 1_800_000];

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length;

/** When the attempt after `attemptsInRound` failed ones is due, or null when it is time to give up. */
export function nextDueAt(attemptsInRound: number, finishedAt: number): number | null {
  const delay = RETRY_DELAYS_MS[attemptsInRound];
  return delay === undefined ? null : finishedAt + delay;
}
