import type { ApiResponse } from '../../../client/agent-client.js';
import type { Check } from '../../check.js';
import type { CheckContext } from '../../check-context.js';
import { expectStatus, expectSuccess, pass } from '../expect.js';
import { coinInfo, farBelow, lots } from '../schema/support/market-info.js';
import { agentFor } from '../schema/support/pick-agent.js';

interface Portfolio {
  totalValue: number;
  cash: number;
  reservedCash: number;
  dayPnl: number;
  dayStartEquity: number;
  positions: Array<{ symbol: string; quantity: number; marketPrice: number; marketValue: number }>;
}

/** Money is rounded to the cent, per position as well: allow a cent per term. */
const cents = (terms: number): number => 0.01 * (terms + 1) + 1e-9;

async function portfolio(ctx: CheckContext, res: Promise<ApiResponse<unknown>>, what: string): Promise<Portfolio> {
  const answer = await res;
  expectSuccess(ctx, answer, what);
  return (answer.json as { data: Portfolio }).data;
}

export const portfolioConsistent: Check = {
  id: 'orders.portfolio-consistent',
  title: 'The portfolio adds up: totalValue is cash plus positions at their mark, dayPnl is equity now minus at 00:00 UTC, a resting buy reserves its cash and a cancel releases it',
  category: 'orders',
  spec: 'GET /portfolio: "totalValue is cash plus every position at its mark. dayPnl is equity now minus equity at the last 00:00 UTC"; Portfolio.reservedCash: "Cash held by open buy orders (part of cash)"; DELETE /orders/{orderId}: "Cancels an open or partially_filled order and releases its reserved cash".',
  requirements: ['portfolio.total-value', 'portfolio.day-pnl', 'portfolio.reserved-cash'],
  modes: ['sandbox', 'live'],
  needs: { register: true, orders: true, budget: 6 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'read:portfolio', 'write:orders'], 6, ['write:webhook']);
    const before = await portfolio(ctx, agent.client.portfolio(), 'GET /portfolio');
    const marked = before.cash + before.positions.reduce((sum, p) => sum + p.quantity * p.marketPrice, 0);
    if (Math.abs(before.totalValue - marked) > Math.max(cents(before.positions.length), 1e-6 * marked)) {
      ctx.fail(
        `totalValue ${before.totalValue} is not cash plus the positions at their mark (${marked.toFixed(2)})`,
        `totalValue = cash ${before.cash} + Σ quantity × marketPrice = ${marked.toFixed(2)}`,
        `totalValue ${before.totalValue}; positions ${before.positions.map((p) => `${p.quantity} ${p.symbol} @ ${p.marketPrice}`).join(', ') || 'none'}`,
      );
    }
    if (Math.abs(before.dayPnl - (before.totalValue - before.dayStartEquity)) > cents(2)) {
      ctx.fail(`dayPnl ${before.dayPnl} is not equity now (${before.totalValue}) minus equity at 00:00 UTC (${before.dayStartEquity})`, `dayPnl ${(before.totalValue - before.dayStartEquity).toFixed(2)}`, `dayPnl ${before.dayPnl}`);
    }
    const info = await coinInfo(ctx, agent);
    const quantity = lots(info, 10);
    const price = farBelow(info, 0.5);
    const placed = await agent.client.placeOrder({ symbol: info.symbol, side: 'buy', type: 'limit', quantity, price });
    expectStatus(ctx, placed, 201, `Set-up: a limit buy of ${quantity} ${info.symbol} at ${price}, far below the market`);
    const held = await portfolio(ctx, agent.client.portfolio(), 'GET /portfolio with the buy resting');
    const reserved = held.reservedCash - before.reservedCash;
    // At least the order's notional (a server may reserve its fee too, never more than a few %).
    if (reserved < quantity * price - cents(1) || reserved > quantity * price * 1.05 + cents(1) || held.reservedCash > held.cash + cents(1)) {
      ctx.fail(
        `A resting buy of ${quantity} ${info.symbol} at ${price} (${(quantity * price).toFixed(2)} USD) changed reservedCash by ${reserved.toFixed(2)}`,
        `reservedCash up by about ${(quantity * price).toFixed(2)} (the order's notional, fee included or not), and part of cash`,
        `reservedCash ${before.reservedCash} → ${held.reservedCash}; cash ${held.cash}`,
      );
    }
    const canceled = await agent.client.cancelOrder(placed.json?.order.orderId ?? '');
    expectStatus(ctx, canceled, 200, 'DELETE of the resting buy');
    const after = await portfolio(ctx, agent.client.portfolio(), 'GET /portfolio after the cancel');
    if (Math.abs(after.reservedCash - before.reservedCash) > cents(1)) {
      ctx.fail('Cancelling the resting buy did not release its reserved cash', `reservedCash back to ${before.reservedCash}`, `reservedCash ${after.reservedCash}`);
    }
    return pass(`totalValue = cash + positions at mark; dayPnl = equity − equity at 00:00 UTC; a ${(quantity * price).toFixed(2)} USD resting buy reserved ${reserved.toFixed(2)} USD, released by its cancel`);
  },
};
