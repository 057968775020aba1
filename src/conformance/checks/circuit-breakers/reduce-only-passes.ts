import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { marketOrder, TRADER, tripDailyLoss } from './breaker-helpers.js';

const LIMIT_USD = 5;

export const reduceOnlyPasses: Check = {
  id: 'breaker.reduce-only-passes',
  title: 'While the daily-loss breaker is tripped, selling part of a position still passes',
  category: 'circuit-breakers',
  spec: 'POST /orders: "Orders that only reduce a position always pass the breakers"; README: "orders that only reduce a position still pass" while dailyLossLimit is latched.',
  requirements: ['breakers.reduce-only'],
  modes: ['live'],
  needs: { register: true, orders: true, budget: 10 },
  async run(ctx) {
    const agent = await ctx.agent({ fresh: true, permissions: TRADER, dailyLossLimit: LIMIT_USD, budget: 30 });
    const tripped = await tripDailyLoss(ctx, agent, LIMIT_USD, 200);
    try {
      const { coin } = tripped;
      const decimals = coin.lotSize >= 1 ? 0 : Math.ceil(-Math.log10(coin.lotSize) - 1e-9);
      const half = Number((Math.max(1, Math.floor(tripped.held / coin.lotSize / 2 + 1e-9)) * coin.lotSize).toFixed(decimals));
      ctx.reproduceNote = `while the daily-loss breaker is tripped: a sell of ${half} ${coin.symbol}, half of the ${tripped.held} held (reduce-only)`;
      const sell = await marketOrder(agent, coin.symbol, 'sell', half);
      if (sell.status !== 201) {
        ctx.fail(
          `The server refused a sell of ${half} ${coin.symbol} — half of the ${tripped.held} the agent holds, so it only reduces the position — while the daily-loss breaker was tripped (answered ${sell.status})`,
          'status 201: reduce-only orders always pass the breakers',
          `${sell.status} ${sell.text.slice(0, 300)}`,
        );
      }
      const order = sell.json?.order;
      if (order?.status === 'rejected') {
        ctx.fail(`The server accepted the reduce-only sell but rejected it (${order.rejectReason ?? 'no reason'})`, 'a filled sell', sell.text.slice(0, 300));
      }
      return pass(`with the breaker tripped (a buy got 403 daily_loss_limit_reached), selling ${half} of ${tripped.held} ${coin.symbol} passed (${order?.status ?? 'accepted'})`, tripped.form);
    } finally {
      await tripped.restore();
    }
  },
};
