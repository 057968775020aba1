// The agent's daily-loss breaker is tripped before the client starts (a position bought, then
// the price shifted 20 % down, as the control API would). After the first 403
// daily_loss_limit_reached the client must stop sending orders that add risk.
import { describe, fail, pass, skip } from '../client-check.js';
import type { Scenario } from './scenario.js';

const RISK_OPS = new Set(['placeOrder', 'modifyOrder']);

export const breakerTripped: Scenario = {
  name: 'breaker-tripped',
  description: "the agent's daily-loss breaker is tripped; after the first 403 daily_loss_limit_reached the client must stop adding risk",
  agentOptions: { dailyLossLimit: 100 },
  setup(mock, agent) {
    const { ctx } = mock;
    const price = ctx.market.price('BTC', ctx.clock.now());
    const quantity = Math.floor((20_000 / price) * 1e5) / 1e5;
    ctx.engine.placeOrder(agent.agentId, { symbol: 'BTC', side: 'buy', type: 'market', quantity });
    ctx.market.shift('BTC', -20, ctx.clock.now());
    ctx.engine.settle();
    if (!ctx.engine.breakers(agent.agentId).dailyLoss.tripped) throw new Error('breaker-tripped: the daily-loss breaker did not trip');
  },
  check: {
    id: 'scenario.breaker-tripped',
    title: 'Stops adding risk after 403 daily_loss_limit_reached',
    category: 'client',
    spec: 'Orders that add risk are refused with 403 daily_loss_limit_reached while the daily-loss breaker is tripped (until 00:00 UTC).',
    run(run) {
      const orders = run.requests.filter((r) => r.operationId !== null && RISK_OPS.has(r.operationId));
      if (orders.length === 0) return skip('the client sent no orders');
      const first = orders.find((r) => r.problemCode === 'daily_loss_limit_reached');
      if (!first) return pass(`${orders.length} orders, none adding risk`);
      const again = orders.filter((r) => r !== first && r.receivedAt >= first.at && r.problemCode === 'daily_loss_limit_reached');
      const next = again[0];
      if (!next) return pass('stopped adding risk after the first 403 daily_loss_limit_reached');
      return fail(
        run,
        `Sent ${again.length} more risk-adding order${again.length === 1 ? '' : 's'} after 403 daily_loss_limit_reached`,
        'no order that adds risk after the first daily_loss_limit_reached, until the breaker resets',
        again.slice(0, 5).map(describe).join('\n'),
        [next, first],
        { rerun: true },
      );
    },
  },
};
