import type { ApiResponse } from '../../../client/agent-client.js';
import type { Check } from '../../check.js';
import type { CheckContext } from '../../check-context.js';
import { expectStatus, expectSuccess, pass } from '../expect.js';
import { coinInfo, farBelow, lots } from '../schema/support/market-info.js';
import { agentFor } from '../schema/support/pick-agent.js';
import { expectFillsAddUp, type FilledOrder } from './support/fills.js';

interface Portfolio {
  totalValue: number;
  cash: number;
  reservedCash: number;
  dayPnl: number;
  dayStartEquity: number;
  positions: Array<{ symbol: string; quantity: number; avgPrice: number; marketPrice: number; marketValue: number; unrealizedPnl: number }>;
}

/** Money is rounded to the cent, per position and fill as well: allow a cent per term. */
const cents = (terms: number): number => 0.01 * (terms + 1) + 1e-9;
const near = (a: number, b: number, terms: number): boolean => Math.abs(a - b) <= Math.max(cents(terms), 1e-6 * Math.abs(b));

async function portfolio(ctx: CheckContext, res: Promise<ApiResponse<unknown>>, what: string): Promise<Portfolio> {
  const answer = await res;
  expectSuccess(ctx, answer, what);
  return (answer.json as { data: Portfolio }).data;
}

/** totalValue, every position's marketValue and unrealizedPnl, and dayPnl, from the same answer. */
function expectAddsUp(ctx: CheckContext, p: Portfolio, when: string): void {
  const marked = p.cash + p.positions.reduce((sum, x) => sum + x.quantity * x.marketPrice, 0);
  if (!near(p.totalValue, marked, p.positions.length)) {
    ctx.fail(`${when}: totalValue ${p.totalValue} is not cash plus the positions at their mark (${marked.toFixed(2)})`, `totalValue = cash ${p.cash} + Σ quantity × marketPrice = ${marked.toFixed(2)}`, `positions ${p.positions.map((x) => `${x.quantity} ${x.symbol} @ ${x.marketPrice}`).join(', ') || 'none'}`);
  }
  for (const x of p.positions) {
    if (!near(x.marketValue, x.quantity * x.marketPrice, 1) || !near(x.unrealizedPnl, (x.marketPrice - x.avgPrice) * x.quantity, 1)) {
      ctx.fail(`${when}: the ${x.symbol} position does not add up`, `marketValue = quantity × marketPrice, unrealizedPnl = (marketPrice − avgPrice) × quantity`, JSON.stringify(x));
    }
  }
  if (!near(p.dayPnl, p.totalValue - p.dayStartEquity, 2)) {
    ctx.fail(`${when}: dayPnl ${p.dayPnl} is not equity now (${p.totalValue}) minus equity at 00:00 UTC (${p.dayStartEquity})`, `dayPnl ${(p.totalValue - p.dayStartEquity).toFixed(2)}`, `dayPnl ${p.dayPnl}`);
  }
}

export const portfolioConsistent: Check = {
  id: 'orders.portfolio-consistent',
  title: 'The portfolio adds up: positions at their mark, cash moved by each fill and fee, dayPnl from 00:00 UTC, cash reserved by a resting buy and released by its cancel',
  category: 'orders',
  spec: 'GET /portfolio: "totalValue is cash plus every position at its mark. dayPnl is equity now minus equity at the last 00:00 UTC"; Portfolio.reservedCash: "Cash held by open buy orders (part of cash)"; Fill: price, quantity, fee (USD); DELETE /orders/{orderId} "releases its reserved cash".',
  requirements: ['portfolio.total-value', 'portfolio.day-pnl', 'portfolio.reserved-cash', 'orders.fills.add-up'],
  modes: ['sandbox', 'live'],
  needs: { register: true, orders: true, budget: 10 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'read:portfolio', 'write:orders'], 10, ['write:webhook']);
    const info = await coinInfo(ctx, agent);
    const before = await portfolio(ctx, agent.client.portfolio(), 'GET /portfolio');
    expectAddsUp(ctx, before, 'Before trading');

    // A buy: cash goes down by each fill's notional and fee, the position up by what filled.
    const bought = await agent.client.send<{ order?: FilledOrder }>('POST', '/orders', { body: { symbol: info.symbol, side: 'buy', type: 'market', quantity: lots(info, 5) } });
    expectStatus(ctx, bought, 201, `a market buy of ${lots(info, 5)} ${info.symbol}`);
    const buy = expectFillsAddUp(ctx, bought.json?.order, 'the market buy');
    const held = await portfolio(ctx, agent.client.portfolio(), 'GET /portfolio after the buy');
    expectAddsUp(ctx, held, 'After a buy');
    const qty = (p: Portfolio): number => p.positions.find((x) => x.symbol === info.symbol)?.quantity ?? 0;
    if (!near(held.cash, before.cash - buy.notional - buy.fees, buy.fills) || Math.abs(qty(held) - qty(before) - buy.quantity) > 1e-9) {
      ctx.fail(
        'A market buy did not move cash and the position by what it filled',
        `cash ${(before.cash - buy.notional - buy.fees).toFixed(2)} (−${buy.notional.toFixed(2)} notional −${buy.fees.toFixed(2)} fees), ${info.symbol} ${qty(before) + buy.quantity}`,
        `cash ${held.cash}, ${info.symbol} ${qty(held)}`,
      );
    }

    // A sell of part of it: cash goes up by the notional less the fee.
    const sold = await agent.client.send<{ order?: FilledOrder }>('POST', '/orders', { body: { symbol: info.symbol, side: 'sell', type: 'market', quantity: lots(info, 2) } });
    expectStatus(ctx, sold, 201, `a market sell of ${lots(info, 2)} ${info.symbol}`);
    const sell = expectFillsAddUp(ctx, sold.json?.order, 'the market sell');
    const after = await portfolio(ctx, agent.client.portfolio(), 'GET /portfolio after the sell');
    if (!near(after.cash, held.cash + sell.notional - sell.fees, sell.fills) || Math.abs(qty(held) - qty(after) - sell.quantity) > 1e-9) {
      ctx.fail('A market sell did not move cash and the position by what it filled', `cash ${(held.cash + sell.notional - sell.fees).toFixed(2)}, ${info.symbol} ${qty(held) - sell.quantity}`, `cash ${after.cash}, ${info.symbol} ${qty(after)}`);
    }

    // A resting buy reserves its notional (a server may reserve its fee too) and a cancel releases it.
    const quantity = lots(info, 10);
    const price = farBelow(info, 0.5);
    const placed = await agent.client.placeOrder({ symbol: info.symbol, side: 'buy', type: 'limit', quantity, price });
    expectStatus(ctx, placed, 201, `Set-up: a limit buy of ${quantity} ${info.symbol} at ${price}, far below the market`);
    const resting = await portfolio(ctx, agent.client.portfolio(), 'GET /portfolio with the buy resting');
    const reserved = resting.reservedCash - after.reservedCash;
    if (reserved < quantity * price - cents(1) || reserved > quantity * price * 1.05 + cents(1) || resting.reservedCash > resting.cash + cents(1)) {
      ctx.fail(
        `A resting buy of ${quantity} ${info.symbol} at ${price} (${(quantity * price).toFixed(2)} USD) changed reservedCash by ${reserved.toFixed(2)}`,
        `reservedCash up by about ${(quantity * price).toFixed(2)} (the order's notional, fee included or not), and part of cash`,
        `reservedCash ${after.reservedCash} → ${resting.reservedCash}; cash ${resting.cash}`,
      );
    }
    const canceled = await agent.client.cancelOrder(placed.json?.order.orderId ?? '');
    expectStatus(ctx, canceled, 200, 'DELETE of the resting buy');
    const released = await portfolio(ctx, agent.client.portfolio(), 'GET /portfolio after the cancel');
    if (Math.abs(released.reservedCash - after.reservedCash) > cents(1)) {
      ctx.fail('Cancelling the resting buy did not release its reserved cash', `reservedCash back to ${after.reservedCash}`, `reservedCash ${released.reservedCash}`);
    }
    return pass(`a buy and a sell moved cash and the position by their fills and fees; totalValue, positions and dayPnl add up; a ${(quantity * price).toFixed(2)} USD resting buy reserved ${reserved.toFixed(2)} USD, released by its cancel`);
  },
};
