// GET /portfolio.
import { iso, serializeBreakers, serializePosition } from '../serialize.js';
import { requireAgent, type Handler } from './handler.js';

export const getPortfolio: Handler = (ctx, input) => {
  const agent = requireAgent(input);
  const p = ctx.engine.portfolio(agent.agentId);
  return {
    status: 200,
    body: {
      data: {
        totalValue: p.totalValue,
        cash: p.cash,
        reservedCash: p.reservedCash,
        availableCash: p.availableCash,
        positions: p.positions.map(serializePosition),
        dayPnl: p.dayPnl,
        dayStartEquity: p.dayStartEquity,
        breakers: serializeBreakers(p.breakers),
        updatedAt: iso(ctx.clock.now()),
      },
    },
  };
};
