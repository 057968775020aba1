import type { Check } from '../../check.js';
import { expectStatus, expectSuccess, pass } from '../expect.js';
import { coinInfo, farBelow, lots, sameNumber } from '../schema/support/market-info.js';
import { agentFor } from '../schema/support/pick-agent.js';

/** Byte for byte what the published Python client sends (json.dumps spacing, `"price": null`). */
export const PUBLISHED_CLIENT_BODY = '{"symbol": "BTC", "side": "buy", "type": "market", "quantity": 0.01, "price": null}';

const KEPT_FIELDS = ['orderId', 'clientOrderId', 'symbol', 'side', 'type', 'quantity', 'price', 'status', 'createdAt'] as const;

export const orderLifecycle: Check = {
  id: 'orders.lifecycle',
  title: 'An order can be placed, read back, changed, cancelled and listed, as documented',
  category: 'orders',
  spec: 'Market orders fill at once (the published client sends "price": null, which is valid); a limit order that does not cross rests as open. PATCH keeps the orderId and changes quantity and/or price; DELETE cancels an open order (canceled); GET /orders lists newest first.',
  requirements: ['orders.market.fills', 'orders.limit.rests', 'orders.read-back', 'orders.modify.keeps-id', 'orders.cancel', 'orders.list.newest-first'],
  modes: ['sandbox', 'live'],
  needs: { register: true, usesGivenAgent: true, orders: true, budget: 10 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'read:portfolio', 'write:orders'], 10, ['write:webhook', 'read:social', 'read:sentiment']);
    const c = agent.client;
    const info = await coinInfo(ctx, agent);

    const market = await c.placeOrder({ symbol: info.symbol, side: 'buy', type: 'market', quantity: lots(info, 5) });
    expectStatus(ctx, market, 201, 'POST /orders (a small market buy)');
    expectSuccess(ctx, market, 'POST /orders (a small market buy)');
    const m = market.json?.order;
    if (m?.status !== 'filled' || !sameNumber(m.filledQuantity, lots(info, 5))) {
      return ctx.fail('A small market buy did not fill at once', `status filled, filledQuantity ${lots(info, 5)}`, `status ${m?.status}, filledQuantity ${m?.filledQuantity}`);
    }

    const price = farBelow(info, 0.5);
    const quantity = lots(info, 10);
    const limit = await c.placeOrder({ symbol: info.symbol, side: 'buy', type: 'limit', quantity, price });
    expectStatus(ctx, limit, 201, `POST /orders (a limit buy at ${price}, far below the best bid ${info.bestBid})`);
    expectSuccess(ctx, limit, 'POST /orders (a resting limit buy)');
    const l = limit.json?.order;
    if (!l || l.status !== 'open' || !sameNumber(l.price, price) || !sameNumber(l.quantity, quantity) || l.filledQuantity !== 0) {
      return ctx.fail('A limit buy far below the market does not rest as an open order with the price and quantity sent', `status open, price ${price}, quantity ${quantity}, filledQuantity 0`, limit.text.slice(0, 400));
    }
    const id = l.orderId;

    const read = await c.getOrder(id);
    expectSuccess(ctx, read, `GET /orders/${id}`);
    const r = read.json?.order;
    const differs = KEPT_FIELDS.filter((f) => JSON.stringify(r?.[f]) !== JSON.stringify(l[f]));
    if (differs.length > 0) {
      return ctx.fail(`GET /orders/${id} does not return the order as placed: ${differs.join(', ')} differ`, JSON.stringify(Object.fromEntries(differs.map((f) => [f, l[f]]))), JSON.stringify(Object.fromEntries(differs.map((f) => [f, r?.[f]]))));
    }

    const newPrice = farBelow(info, 0.45);
    const newQuantity = lots(info, 12);
    const modified = await c.modifyOrder(id, { price: newPrice, quantity: newQuantity });
    expectSuccess(ctx, modified, `PATCH /orders/${id}`);
    const p = modified.json?.order;
    if (p?.orderId !== id) return ctx.fail('PATCH gave the order a new orderId', `orderId ${id} (PATCH keeps the order's id)`, `orderId ${p?.orderId}`);
    if (!sameNumber(p.price, newPrice) || !sameNumber(p.quantity, newQuantity) || p.status !== 'open') {
      return ctx.fail('PATCH did not change the price and quantity', `price ${newPrice}, quantity ${newQuantity}, status open`, `price ${p.price}, quantity ${p.quantity}, status ${p.status}`);
    }

    const canceled = await c.cancelOrder(id);
    expectSuccess(ctx, canceled, `DELETE /orders/${id}`);
    if (canceled.json?.order.status !== 'canceled' || canceled.json.order.orderId !== id) {
      return ctx.fail('DELETE of an open order did not cancel it', `orderId ${id}, status canceled`, `orderId ${canceled.json?.order.orderId}, status ${canceled.json?.order.status}`);
    }

    const list = await c.listOrders({ symbol: info.symbol, limit: 20 });
    expectSuccess(ctx, list, 'GET /orders');
    const items = list.json?.data ?? [];
    const li = items.findIndex((o) => o.orderId === id);
    const mi = items.findIndex((o) => o.orderId === m.orderId);
    if (li < 0 || mi < 0) return ctx.fail('GET /orders does not list the orders just placed', `orders ${m.orderId} and ${id}`, `ids ${items.map((o) => o.orderId).join(', ') || '(none)'}`);
    const listed = items[li];
    if (listed?.status !== 'canceled' || !sameNumber(listed.price, newPrice) || items[mi]?.status !== 'filled') {
      return ctx.fail('GET /orders shows stale orders', `${id}: canceled at price ${newPrice}; ${m.orderId}: filled`, `${id}: ${listed?.status} at price ${listed?.price}; ${m.orderId}: ${items[mi]?.status}`);
    }
    if (li > mi) return ctx.fail('GET /orders is not newest first', `${id} (placed later) before ${m.orderId}`, `${m.orderId} at position ${mi}, ${id} at position ${li}`);

    const published = await c.send('POST', '/orders', { body: PUBLISHED_CLIENT_BODY });
    ctx.reproduceNote = 'the body is sent byte-exact as the published Python client sends it';
    expectStatus(ctx, published, 201, 'POST /orders with the published client\'s body ("price": null, json.dumps spacing)');
    const po = (published.json as { order?: { orderId?: unknown; status?: unknown } } | undefined)?.order;
    if (typeof po?.orderId !== 'string' || typeof po.status !== 'string') {
      return ctx.fail("The published client's order was accepted without order.orderId and order.status", '201 {"order": {"orderId": "…", "status": "…", …}}', published.text.slice(0, 300));
    }
    expectSuccess(ctx, published, "POST /orders with the published client's body");
    ctx.reproduceNote = undefined;
    return pass(`market order filled; limit order ${id} rested, read back, repriced to ${newPrice} keeping its id, cancelled and listed; the published client's body got 201 (${po.status})`);
  },
};
