// settle(): bring the engine up to `now`. Time is cut into segments at each 00:00 UTC so that
// fills before midnight land in the old day, then the day rolls with equity marked at midnight.
// Idempotent (a second call at the same time is a no-op) and deterministic (depends only on
// state, the clock value and the pure market source). Time never runs backwards for the engine:
// if the clock is set earlier, nothing is undone and settling waits until it passes the mark.
import { rollDay } from '../risk/daily-loss.js';
import { nextUtcMidnight, utcDayStart } from '../risk/utc-day.js';
import type { EpochMs } from '../types.js';
import type { EngineContext } from './context.js';
import { fillCrossedResting } from './settle-resting.js';

export function settleTo(ctx: EngineContext, now: EpochMs): void {
  const state = ctx.state;
  while (state.lastSettledAt < now) {
    const from = state.lastSettledAt;
    let boundary = nextUtcMidnight(from);
    // Nothing resting: the days in between can't differ, so skip straight to the last midnight.
    if (state.resting.size === 0 && boundary < now) boundary = Math.max(boundary, utcDayStart(now));
    const to = Math.min(now, boundary);
    if (state.resting.size > 0) fillCrossedResting(ctx, from, to);
    state.lastSettledAt = to;
    if (to === boundary) {
      for (const account of state.accounts.values()) rollDay(ctx, account, boundary);
    }
  }
}
