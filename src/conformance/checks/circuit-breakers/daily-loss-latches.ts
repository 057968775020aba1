import type { Check } from '../../check.js';
import { expectSuccess, pass } from '../expect.js';
import { dailyLossOf, expectDailyLossRefusal, expectTrippedState, marketOrder, quantityFor, TRADER, tripDailyLoss } from './breaker-helpers.js';
import { expectJudgedAtTrip, placeBeforeTrip, type RestingAtTrip } from './open-orders-at-trip.js';

const LIMIT_USD = 5;

export const dailyLossLatches: Check = {
  id: 'breaker.daily-loss-latches',
  title: 'The daily-loss breaker trips, shows in /portfolio, rejects open orders that add risk, and stays tripped (its trip time too) when the price recovers',
  category: 'circuit-breakers',
  spec: 'POST /orders: "Orders that add risk are refused with 403 daily_loss_limit_reached while the daily-loss breaker is tripped"; README: "dailyLossLimit latches until 00:00 UTC once the day\'s loss reaches it"; the problem carries resetsAt (the next 00:00 UTC).',
  requirements: ['breakers.daily-loss.trips', 'breakers.daily-loss.latches', 'breakers.daily-loss.rejects-open'],
  modes: ['live'],
  needs: { register: true, orders: true, budget: 26 },
  async run(ctx) {
    const agent = await ctx.agent({ fresh: true, permissions: TRADER, dailyLossLimit: LIMIT_USD, budget: 34 });
    // A breaker that never tripped has no trip time.
    const fresh = await dailyLossOf(ctx, agent);
    if (fresh.dailyLoss.tripped !== false || fresh.dailyLoss.trippedAt !== null) {
      ctx.fail("A new agent's daily-loss breaker is not shown as untripped with no trip time", 'data.breakers.dailyLoss: tripped false, trippedAt null', `data.breakers.dailyLoss: ${JSON.stringify(fresh.dailyLoss)}`);
    }
    let resting: RestingAtTrip | undefined;
    const tripped = await tripDailyLoss(ctx, agent, LIMIT_USD, 200, async (coin, held) => void (resting = await placeBeforeTrip(ctx, agent, coin, held)));
    try {
      const { res, dailyLoss } = await dailyLossOf(ctx, agent);
      expectSuccess(ctx, res, 'GET /portfolio');
      if (dailyLoss.tripped !== true) {
        ctx.fail('GET /portfolio does not show the daily-loss breaker as tripped, although orders are being refused with daily_loss_limit_reached', 'data.breakers.dailyLoss.tripped: true', `data.breakers.dailyLoss: ${JSON.stringify(dailyLoss)}`);
      }
      expectTrippedState(ctx, dailyLoss, LIMIT_USD);
      // A long-only agent cannot lose more than its equity at 00:00 UTC.
      const dayStart = (res.json as { data?: { dayStartEquity?: unknown } } | undefined)?.data?.dayStartEquity;
      if (typeof dayStart === 'number' && typeof dailyLoss.current === 'number' && dailyLoss.current > dayStart + 0.01) {
        ctx.fail(`The daily-loss breaker shows a loss (current ${dailyLoss.current} USD) larger than the agent's equity at 00:00 UTC (${dayStart} USD), for an agent that only bought`, `current = dayStartEquity − equity now, at most ${dayStart}`, `data.breakers.dailyLoss: ${JSON.stringify(dailyLoss)}`);
      }
      if (tripped.form === 'round-trip') {
        // Round trips realise the loss, so no price recovery can follow: the latch is not tested.
        return ctx.partial(
          `the breaker tripped after losing ${LIMIT_USD} USD in round trips (403 daily_loss_limit_reached with resetsAt; /portfolio shows it)`,
          'that it stays tripped when the price recovers (a loss the runner cannot undo without moving the price)',
          "run against a server with nx-conformance's control API (POST /__nx/market/{symbol} moves the price), e.g. the mock",
          tripped.form,
        );
      }
      if (resting) await expectJudgedAtTrip(ctx, agent, resting);
      // The trip time stays put while the breaker stays tripped and the loss stays over the limit (the server's time has moved on since).
      if (ctx.clock.kind === 'virtual') await ctx.advanceClock(1_000);
      const later = await dailyLossOf(ctx, agent);
      if (later.dailyLoss.trippedAt !== dailyLoss.trippedAt) {
        ctx.fail('The daily-loss breaker\'s trippedAt moved while it stayed tripped: it is when the breaker tripped', `trippedAt: ${String(dailyLoss.trippedAt)} (unchanged)`, `trippedAt: ${String(later.dailyLoss.trippedAt)}`);
      }
      await tripped.restore();
      const probeQty = quantityFor(tripped.coin, 50) || tripped.coin.lotSize;
      ctx.reproduceNote = `after the ${tripped.coin.symbol} price went −20 % (breaker tripped) and back (DELETE /__nx/market/${tripped.coin.symbol}): a risk-adding buy`;
      const again = await marketOrder(agent, tripped.coin.symbol, 'buy', probeQty);
      if (again.status === 201 || again.status === 200) {
        ctx.fail(
          `The daily-loss breaker reset as soon as the ${tripped.coin.symbol} price recovered: a risk-adding buy was accepted again, but the breaker must stay tripped until 00:00 UTC`,
          '403 daily_loss_limit_reached until the next 00:00 UTC',
          `${again.status} ${again.text.slice(0, 300)}`,
        );
      }
      expectDailyLossRefusal(ctx, again, `a buy of ${probeQty} ${tripped.coin.symbol} after the price recovered`, 'the breaker tripped earlier today');
      return pass(`a −20 % move tripped the ${LIMIT_USD} USD breaker (403 daily_loss_limit_reached with resetsAt; /portfolio shows it), rejected a resting buy (circuit_breaker) but left the sells closing the position open, and stayed tripped, its trippedAt unchanged, after the price recovered`, tripped.form);
    } finally {
      await tripped.restore();
    }
  },
};
