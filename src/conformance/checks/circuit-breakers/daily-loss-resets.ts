import type { Check } from '../../check.js';
import { expectSuccess, pass } from '../expect.js';
import { dailyLossOf, marketOrder, quantityFor, TRADER, tripDailyLoss } from './breaker-helpers.js';

const LIMIT_USD = 5;
const DAY_MS = 86_400_000;

export const dailyLossResets: Check = {
  id: 'breaker.daily-loss-resets',
  title: 'A tripped daily-loss breaker resets at 00:00 UTC: risk-adding orders pass again',
  category: 'circuit-breakers',
  spec: 'RegisterRequest.dailyLossLimit: "When the day\'s loss reaches it, orders that add risk are refused until 00:00 UTC"; the daily_loss_limit_reached problem\'s resetsAt is "when the breaker resets (the next 00:00 UTC)".',
  requirements: ['breakers.daily-loss.resets'],
  modes: ['live'],
  needs: { register: true, orders: true, budget: 12 },
  async run(ctx) {
    // Midnight can be reached only by moving the server's clock, so skip before spending an agent.
    if (!ctx.control || ctx.clock.kind !== 'virtual') {
      ctx.skip("needs the server's clock moved to the next 00:00 UTC: a server whose control API gives a virtual clock (the mock with --clock virtual:ISO)");
    }
    const agent = await ctx.agent({ fresh: true, permissions: TRADER, dailyLossLimit: LIMIT_USD, budget: 12 });
    const tripped = await tripDailyLoss(ctx, agent, LIMIT_USD, 200);
    try {
      await tripped.restore();
      const midnight = Math.floor(ctx.now() / DAY_MS) * DAY_MS + DAY_MS;
      await ctx.advanceClock(midnight - ctx.now() + 1_000);
      const probeQty = quantityFor(tripped.coin, 50) || tripped.coin.lotSize;
      ctx.reproduceNote = `after the breaker tripped on ${new Date(midnight - DAY_MS).toISOString().slice(0, 10)} and the server clock passed 00:00 UTC (POST /__nx/clock): a risk-adding buy`;
      const buy = await marketOrder(agent, tripped.coin.symbol, 'buy', probeQty);
      if (buy.status !== 201) {
        ctx.fail(
          `The daily-loss breaker did not reset at 00:00 UTC: a risk-adding buy of ${probeQty} ${tripped.coin.symbol} after midnight answered ${buy.status}`,
          'status 201: a new day, a new daily-loss budget',
          `${buy.status} ${buy.text.slice(0, 300)}`,
        );
      }
      const { res, dailyLoss } = await dailyLossOf(ctx, agent);
      expectSuccess(ctx, res, 'GET /portfolio after midnight');
      if (dailyLoss.tripped !== false) ctx.fail('GET /portfolio still shows the daily-loss breaker tripped after 00:00 UTC', 'data.breakers.dailyLoss.tripped: false', `data.breakers.dailyLoss: ${JSON.stringify(dailyLoss)}`);
      return pass(`the breaker tripped, and after the server clock passed 00:00 UTC a risk-adding buy passed and /portfolio showed it reset`, 'control-clock');
    } finally {
      await tripped.restore();
    }
  },
};
