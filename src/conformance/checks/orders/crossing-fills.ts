import type { Check } from '../../check.js';
import { expectStatus, pass } from '../expect.js';
import { coinInfo, decimalsOf, farBelow, lots } from '../schema/support/market-info.js';
import { agentFor } from '../schema/support/pick-agent.js';
import { expectFillsAddUp, type FilledOrder } from './support/fills.js';

interface OrderJson {
  orderId?: string;
  status?: string;
  filledQuantity?: number;
  avgFillPrice?: number | null;
}

export const crossingFills: Check = {
  id: 'orders.crossing-fills',
  title: 'A limit order across the book (a buy above the best ask, a sell below the best bid) fills at once at its limit or better, and so does a resting one whose PATCH moves it there',
  category: 'orders',
  spec: 'POST /orders: "A limit order that crosses the book fills up to its limit price and the rest rests"; PATCH /orders/{orderId}: "a new limit price that crosses the book fills at once".',
  requirements: ['orders.limit.crossing', 'orders.modify.crossing', 'orders.fills.add-up'],
  modes: ['sandbox', 'live'],
  needs: { register: true, orders: true, budget: 6 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'write:orders'], 6, ['read:social']);
    const info = await coinInfo(ctx, agent);
    // 2 % above the best ask (on the tick grid): a few lots fill at once, even if the market moves meanwhile.
    const crossing = Number((Math.ceil((info.bestAsk * 1.02) / info.tickSize) * info.tickSize).toFixed(decimalsOf(info.tickSize)));
    const quantity = lots(info, 5);
    const placed = await agent.client.send<{ order?: OrderJson }>('POST', '/orders', { body: { symbol: info.symbol, side: 'buy', type: 'limit', quantity, price: crossing } });
    expectStatus(ctx, placed, 201, `POST /orders (a limit buy of ${quantity} ${info.symbol} at ${crossing}, above the best ask ${info.bestAsk})`);
    const order = placed.json?.order ?? {};
    if (order.status !== 'filled' || order.filledQuantity !== quantity || !(typeof order.avgFillPrice === 'number' && order.avgFillPrice <= crossing)) {
      ctx.fail(
        `A limit buy at ${crossing}, above the best ask ${info.bestAsk}, did not fill at once at its limit or better`,
        `status filled, filledQuantity ${quantity}, avgFillPrice ≤ ${crossing}`,
        `status ${order.status}, filledQuantity ${order.filledQuantity}, avgFillPrice ${order.avgFillPrice}`,
      );
    }
    expectFillsAddUp(ctx, placed.json?.order as FilledOrder, 'the crossing limit buy');
    const resting = await agent.client.send<{ order?: OrderJson }>('POST', '/orders', { body: { symbol: info.symbol, side: 'buy', type: 'limit', quantity, price: farBelow(info, 0.5) } });
    expectStatus(ctx, resting, 201, 'Set-up: a limit buy far below the market');
    const id = resting.json?.order?.orderId ?? '';
    const moved = await agent.client.send<{ order?: OrderJson }>('PATCH', `/orders/${encodeURIComponent(id)}`, { body: { price: crossing } });
    expectStatus(ctx, moved, 200, `PATCH /orders/${id} moving the limit to ${crossing}, above the best ask`);
    const after = moved.json?.order ?? {};
    if (after.status !== 'filled' || after.orderId !== id) {
      ctx.fail(`A PATCH moving a resting buy's limit to ${crossing}, above the best ask, did not fill it at once`, `orderId ${id}, status filled`, `orderId ${after.orderId}, status ${after.status}, filledQuantity ${after.filledQuantity}`);
    }
    // The other side: a limit sell 2 % below the best bid (of what was just bought) fills at once, at its limit or better.
    const low = Number((Math.floor((info.bestBid * 0.98) / info.tickSize) * info.tickSize).toFixed(decimalsOf(info.tickSize)));
    const sold = await agent.client.send<{ order?: OrderJson }>('POST', '/orders', { body: { symbol: info.symbol, side: 'sell', type: 'limit', quantity, price: low } });
    expectStatus(ctx, sold, 201, `POST /orders (a limit sell of ${quantity} ${info.symbol} at ${low}, below the best bid ${info.bestBid})`);
    const s = sold.json?.order ?? {};
    if (s.status !== 'filled' || s.filledQuantity !== quantity || !(typeof s.avgFillPrice === 'number' && s.avgFillPrice >= low)) {
      ctx.fail(`A limit sell at ${low}, below the best bid ${info.bestBid}, did not fill at once at its limit or better`, `status filled, filledQuantity ${quantity}, avgFillPrice ≥ ${low}`, `status ${s.status}, filledQuantity ${s.filledQuantity}, avgFillPrice ${s.avgFillPrice}`);
    }
    expectFillsAddUp(ctx, sold.json?.order as FilledOrder, 'the crossing limit sell');
    return pass(`a limit buy at ${crossing} filled at once at ${order.avgFillPrice}; a resting buy moved there by PATCH filled too; a limit sell at ${low} filled at ${s.avgFillPrice}`);
  },
};
