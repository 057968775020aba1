import type { EpochMs } from '../types.js';

/** What the portfolio/breakers endpoints show. `current` is today's loss so far (≥ 0). */
export interface BreakerState {
  dailyLoss: {
    limit: number | null;
    current: number;
    tripped: boolean;
    trippedAt: EpochMs | null;
    /** Next 00:00 UTC after the trip while tripped, else null. */
    resetsAt: EpochMs | null;
  };
  maxPositionSize: { limit: number | null };
}

/** The mutable latch behind BreakerState.dailyLoss. */
export interface DailyLossLatch {
  tripped: boolean;
  trippedAt: EpochMs | null;
  resetsAt: EpochMs | null;
}
