// Orders sit on the symbol's grid (spec, POST /orders and OrderBook): a quantity off the lot grid
// or below the published minimum gets 400 invalid_quantity, a price off the tick grid 400
// invalid_price, when placing and when modifying. The off-grid values are far from any rounding
// tolerance a server may allow (half a step), and the tiny ones (a millionth of a step) are what a
// server that snaps to the grid before checking would turn into a zero quantity or price.
import type { Check } from '../../check.js';
import { expectProblem, expectStatus, pass } from '../expect.js';
import { coinInfo, decimalsOf, farBelow, lots } from '../schema/support/market-info.js';
import { agentFor } from '../schema/support/pick-agent.js';

export const gridRefused: Check = {
  id: 'orders.grid-refused',
  title: 'A quantity off the lot grid or below minQuantity gets 400 invalid_quantity, a price off the tick grid 400 invalid_price (placing and modifying)',
  category: 'orders',
  spec: 'POST /orders: "the quantity must be a positive multiple of lotSize, and at least minQuantity where the server publishes one, otherwise 400 invalid_quantity; a limit price must be a positive multiple of tickSize, otherwise 400 invalid_price"; PATCH /orders/{orderId}: the same grid.',
  requirements: ['orders.quantity.lot-grid', 'orders.quantity.minimum', 'orders.price.tick-grid'],
  modes: ['sandbox'],
  needs: { register: true, orders: true, budget: 10 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'write:orders'], 10, ['read:social']);
    const info = await coinInfo(ctx, agent);
    const book = await agent.client.orderBook(info.symbol, 1);
    const minQuantity = book.json?.data.minQuantity;
    const price = farBelow(info, 0.5);
    const place = (quantity: number, at: number): ReturnType<typeof agent.client.send> => agent.client.send('POST', '/orders', { body: { symbol: info.symbol, side: 'buy', type: 'limit', quantity, price: at } });
    const offLot = Number((info.lotSize * 1.5).toFixed(decimalsOf(info.lotSize) + 1));
    const offTick = Number((price + info.tickSize / 2).toFixed(decimalsOf(info.tickSize) + 1));
    const wrong: Array<[string, number, number, string]> = [
      ['invalid_quantity', offLot, price, `a quantity of 1.5 lots (${offLot}; lotSize ${info.lotSize})`],
      ['invalid_quantity', info.lotSize * 1e-6, price, `a quantity of a millionth of a lot (${info.lotSize * 1e-6})`],
      ['invalid_price', lots(info, 1), offTick, `a price half a tick off the grid (${offTick}; tickSize ${info.tickSize})`],
      ['invalid_price', lots(info, 1), info.tickSize * 1e-6, `a price of a millionth of a tick (${info.tickSize * 1e-6})`],
    ];
    if (typeof minQuantity === 'number' && minQuantity >= 2 * info.lotSize) {
      const below = lots(info, Math.ceil(minQuantity / info.lotSize) - 1);
      wrong.push(['invalid_quantity', below, price, `a quantity of ${below}, on the lot grid but below the published minQuantity ${minQuantity}`]);
    }
    for (const [code, quantity, at, what] of wrong) expectProblem(ctx, await place(quantity, at), 400, [code], `POST /orders, a limit buy with ${what}`);
    const resting = await agent.client.send<{ order?: { orderId?: string } }>('POST', '/orders', { body: { symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 1), price } });
    expectStatus(ctx, resting, 201, `Set-up: a limit buy of one lot (${lots(info, 1)}) at ${price}, on the grid`);
    const orderId = resting.json?.order?.orderId ?? '';
    ctx.reproducePrelude = { exchange: resting.exchange, id: orderId, field: 'orderId' };
    const id = encodeURIComponent(orderId);
    expectProblem(ctx, await agent.client.send('PATCH', `/orders/${id}`, { body: { quantity: offLot } }), 400, ['invalid_quantity'], `PATCH /orders/{orderId} to a quantity of 1.5 lots (${offLot})`);
    expectProblem(ctx, await agent.client.send('PATCH', `/orders/${id}`, { body: { price: offTick } }), 400, ['invalid_price'], `PATCH /orders/{orderId} to a price half a tick off the grid (${offTick})`);
    await agent.client.cancelOrder(orderId);
    return pass(`quantities off the lot grid${wrong.length > 4 ? ' or below minQuantity' : ''} got 400 invalid_quantity and prices off the tick grid 400 invalid_price, placing and modifying`);
  },
};
