import { unlatch } from '../engine/risk/daily-loss.js';
import { defineDefect } from './defect.js';

export const unlatchedDailyLoss = defineDefect({
  name: 'unlatched-daily-loss',
  description: 'The daily-loss breaker resets as soon as the loss recovers.',
  caughtBy: ['breaker.daily-loss-latches'],
  apply: (parts) => ({
    ...parts,
    engine: {
      ...parts.engine,
      whileTripped: (ctx, account, loss, t) => {
        if (account.dailyLossLimit !== null && loss < account.dailyLossLimit) unlatch(ctx, account, t);
      },
    },
  }),
});
