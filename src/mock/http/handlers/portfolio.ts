// GET /portfolio.
import { iso, serializeBreakers, serializePosition } from '../serialize.js';
import type { Handler } from './handler.js';

export const getPortfolio: Handler<'getPortfolio'> = (ctx, { agent }) => {
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
