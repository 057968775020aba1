// settle(): bring the engine up to `now`. Time is cut into segments at each 00:00 UTC so that
// fills before midnight land in the old day, then the day rolls with equity marked at midnight.
// Idempotent (a second call at the same time is a no-op) and deterministic (depends only on
// state, the clock value and the pure market source). Time never runs backwards for the engine:
// if the clock is set earlier, nothing is undone and settling waits until it passes the mark.
//
// Cost follows the events, not the days: the market says how long no resting order can fill
// (MarketSource.quietUntil), and those days are skipped in one step. Skipped days roll twice
// only: at the first midnight (a latched breaker resets then, and says so) and at the last (the
// new day's starting equity); the rolls between change nothing anyone can see.
import { rollDay } from '../risk/daily-loss.js';
import { nextUtcMidnight, utcDayStart } from '../risk/utc-day.js';
import type { EpochMs } from '../types.js';
import type { EngineContext } from './context.js';
import { fillCrossedResting } from './settle-resting.js';

/** Settles up to now; returns the number of steps taken (days skipped count as one step). */
export function settleTo(ctx: EngineContext, now: EpochMs): number {
  const state = ctx.state;
  let steps = 0;
  while (state.lastSettledAt < now) {
    steps += 1;
    const from = state.lastSettledAt;
    const quiet = quietUntil(ctx, from, now);
    const skipTo = utcDayStart(quiet);
    if (skipTo > from) {
      rollAccounts(ctx, nextUtcMidnight(from));
      if (skipTo > nextUtcMidnight(from)) rollAccounts(ctx, skipTo);
      state.lastSettledAt = skipTo;
      continue;
    }
    const boundary = nextUtcMidnight(from);
    const to = Math.min(now, boundary);
    if (quiet < to) fillCrossedResting(ctx, from, to);
    state.lastSettledAt = to;
    if (to === boundary) rollAccounts(ctx, boundary);
  }
  return steps;
}

function rollAccounts(ctx: EngineContext, midnight: EpochMs): void {
  for (const account of ctx.state.accounts.values()) rollDay(ctx, account, midnight);
}

/** The latest time up to `now` until which no resting order can fill; `from` when unknown. */
function quietUntil(ctx: EngineContext, from: EpochMs, now: EpochMs): EpochMs {
  let quiet = now;
  for (const [symbol, book] of ctx.state.resting.nonEmpty()) {
    if (!ctx.market.quietUntil) return from;
    // A buy fills once the low reaches its limit, a sell once the high does (settle-resting.ts).
    const below = book.buys.first()?.price ?? -Infinity;
    const above = book.sells.first()?.price ?? Infinity;
    quiet = ctx.market.quietUntil(symbol, from, quiet, below, above);
    if (quiet <= from) return from;
  }
  return quiet;
}
