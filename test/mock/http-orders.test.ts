// POST/GET /orders and GET/PATCH/DELETE /orders/{id} over HTTP: the published client's market
// order, resting and crossing limits, book exhaustion, modify/cancel, idempotency, the 422s,
// and listing with filters and cursor pagination.
import { describe, expect, it } from 'vitest';
import {
  MINUTE, T0, advance, expectCall, getOrder, money, onGrid, orderBook, pinPrice, placeOrder, portfolio, pyDumps, registerFull, tradingMock,
  type Agent, type OrderJson, type TestMock,
} from './trading-support.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function setup(options: Parameters<typeof tradingMock>[0] = {}) {
  const m = tradingMock(options);
  return { m, agent: await registerFull(m) };
}

/** A BTC limit buy resting ~5 % under the best bid. */
async function restingBuy(m: TestMock, agent: Agent, quantity = 0.01, below = 0.95) {
  const book = await orderBook(m, agent, 'BTC', 1);
  const price = onGrid(book.bids[0]!.price * below, book.tickSize);
  return placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'limit', quantity, price });
}

describe('market orders', () => {
  it.each([
    ['sandbox', {}],
    ['live (signed over the exact Python bytes)', { mode: 'live' }],
  ])('fills the published client place_order("BTC", "buy", "market", 0.01) for a %s agent', async (_label, extra) => {
    const m = tradingMock({ feeBps: 25 });
    const agent = await registerFull(m, extra);
    const book = await orderBook(m, agent, 'BTC');
    const body = pyDumps({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: null });
    expect(body).toBe('{"symbol": "BTC", "side": "buy", "type": "market", "quantity": 0.01, "price": null}');
    const res = await m.call('POST', '/orders', { as: agent, body });
    expect(res.status, res.text).toBe(201);
    const order = res.body.order as OrderJson;
    expect(order.orderId).toMatch(/^ord_[A-Za-z0-9]+$/);
    expect(order).toMatchObject({ status: 'filled', symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: null });
    expect(order).toMatchObject({ filledQuantity: 0.01, remainingQuantity: 0, createdAt: T0 });
    expect(sum(order.fills.map((f) => f.quantity))).toBeCloseTo(order.filledQuantity, 12);
    const worstAsk = book.asks.at(-1)!.price;
    expect(order.avgFillPrice).toBeGreaterThanOrEqual(book.asks[0]!.price);
    expect(order.avgFillPrice).toBeLessThanOrEqual(worstAsk);
    for (const f of order.fills) {
      expect(f.liquidity).toBe('taker');
      expect(book.asks.map((l) => l.price)).toContain(f.price);
      expect(f.fee).toBeCloseTo(money(f.price * f.quantity * 0.0025), 8);
    }
    const notional = sum(order.fills.map((f) => f.price * f.quantity));
    expect(order.fees).toBeCloseTo(notional * 0.0025, 7);
    expect(order.avgFillPrice!).toBeCloseTo(notional / order.filledQuantity, 6);
    const p = await portfolio(m, agent);
    expect(p.cash).toBeCloseTo(100_000 - notional - order.fees, 6);
  });

  it('expires a market buy bigger than the book, keeping the partial fill', async () => {
    const { m, agent } = await setup();
    const book = await orderBook(m, agent, 'DOT', 50); // the engine walks 50 levels
    const depth = sum(book.asks.map((l) => l.quantity));
    const order = await placeOrder(m, agent, { symbol: 'DOT', side: 'buy', type: 'market', quantity: 100_000 });
    expect(order.status).toBe('expired');
    expect(order.filledQuantity).toBeGreaterThan(0);
    expect(order.filledQuantity).toBeCloseTo(depth, 6);
    expect(order.remainingQuantity).toBeCloseTo(100_000 - order.filledQuantity, 6);
    expect(sum(order.fills.map((f) => f.quantity))).toBeCloseTo(order.filledQuantity, 6);
    expect(order.fills.map((f) => f.price)).toEqual(book.asks.map((l) => l.price));
    const p = await portfolio(m, agent);
    expect(p.positions).toEqual([expect.objectContaining({ symbol: 'DOT', quantity: order.filledQuantity })]);
  });
});

describe('limit orders', () => {
  it('rests below the market with cash reserved, then fills at its limit when the price path crosses it', async () => {
    const { m, agent } = await setup();
    const order = await restingBuy(m, agent);
    expect(order).toMatchObject({ status: 'open', filledQuantity: 0, remainingQuantity: 0.01, avgFillPrice: null, fills: [] });
    const reserve = money(money(order.price! * 0.01) * 1.001);
    let p = await portfolio(m, agent);
    expect(p).toMatchObject({ cash: 100_000, reservedCash: reserve, availableCash: money(100_000 - reserve), totalValue: 100_000 });

    await pinPrice(m, 'BTC', order.price! * 0.98);
    await advance(m, MINUTE);
    const filled = await getOrder(m, agent, order.orderId);
    expect(filled).toMatchObject({ status: 'filled', filledQuantity: 0.01, remainingQuantity: 0, avgFillPrice: order.price });
    expect(filled.fills).toEqual([expect.objectContaining({ price: order.price, quantity: 0.01, liquidity: 'maker' })]);
    p = await portfolio(m, agent);
    expect(p.reservedCash).toBe(0);
    expect(p.cash).toBeCloseTo(100_000 - reserve, 8);
    expect(p.positions[0]).toMatchObject({ symbol: 'BTC', quantity: 0.01, avgPrice: order.price });
  });

  it('fills a crossing limit at once, never above its limit', async () => {
    const { m, agent } = await setup();
    const book = await orderBook(m, agent, 'ETH', 5);
    const limit = onGrid(book.asks[0]!.price * 1.002, book.tickSize);
    const order = await placeOrder(m, agent, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.5, price: limit });
    expect(order.status).toBe('filled');
    expect(order.fills.every((f) => f.liquidity === 'taker' && f.price <= limit)).toBe(true);
    expect((await portfolio(m, agent)).reservedCash).toBe(0);
  });

  it('PATCH changes quantity and price, keeps the orderId, and re-reserves', async () => {
    const { m, agent } = await setup();
    const order = await restingBuy(m, agent);
    const newPrice = onGrid(order.price! * 0.99, 0.01);
    const changed = (await expectCall(m, 200, 'PATCH', `/orders/${order.orderId}`, { as: agent, body: { quantity: 0.02, price: newPrice } })).order;
    expect(changed).toMatchObject({ orderId: order.orderId, quantity: 0.02, price: newPrice, status: 'open', remainingQuantity: 0.02 });
    expect(await getOrder(m, agent, order.orderId)).toEqual(changed);
    expect((await portfolio(m, agent)).reservedCash).toBe(money(money(newPrice * 0.02) * 1.001));
  });

  it('PATCH with neither quantity nor price is a 400 naming both, and changes nothing', async () => {
    const { m, agent } = await setup();
    const order = await restingBuy(m, agent);
    const res = await expectCall(m, 400, 'PATCH', `/orders/${order.orderId}`, { as: agent, body: {} });
    expect(res.code).toBe('validation_failed');
    expect(res.detail).toContain('quantity');
    expect(await getOrder(m, agent, order.orderId)).toEqual(order);
  });

  it('DELETE releases the reserved cash exactly', async () => {
    const { m, agent } = await setup();
    const a = await restingBuy(m, agent, 0.01, 0.95);
    const b = await restingBuy(m, agent, 0.03, 0.9);
    const reserveB = money(money(b.price! * 0.03) * 1.001);
    expect((await expectCall(m, 200, 'DELETE', `/orders/${a.orderId}`, { as: agent })).order).toMatchObject({ status: 'canceled', orderId: a.orderId });
    expect((await portfolio(m, agent)).reservedCash).toBe(reserveB);
    await expectCall(m, 200, 'DELETE', `/orders/${b.orderId}`, { as: agent });
    expect(await portfolio(m, agent)).toMatchObject({ cash: 100_000, reservedCash: 0, availableCash: 100_000 });
  });

  it.each(['PATCH', 'DELETE'])('%s of a filled or canceled order is 409 order_not_modifiable with orderStatus', async (method) => {
    const { m, agent } = await setup();
    const filled = await placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    const canceled = await restingBuy(m, agent);
    await expectCall(m, 200, 'DELETE', `/orders/${canceled.orderId}`, { as: agent });
    for (const [order, status] of [[filled, 'filled'], [canceled, 'canceled']] as const) {
      const body = method === 'PATCH' ? { quantity: 0.05 } : undefined;
      const res = await m.call(method, `/orders/${order.orderId}`, { as: agent, body });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'order_not_modifiable', orderStatus: status });
    }
  });
});

describe('idempotency and affordability', () => {
  it('replays the same clientOrderId + body (200, Idempotent-Replayed) and refuses another body (409)', async () => {
    const { m, agent } = await setup();
    const body = { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, clientOrderId: 'bot-1:retry.ok' };
    const first = await m.call('POST', '/orders', { as: agent, body });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const cash = (await portfolio(m, agent)).cash;
    const again = await m.call('POST', '/orders', { as: agent, body: pyDumps(body) });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.order).toEqual(first.body.order);
    expect((await portfolio(m, agent)).cash).toBe(cash); // charged once
    const conflict = await m.call('POST', '/orders', { as: agent, body: { ...body, quantity: 0.02 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('idempotency_conflict');
    expect((await expectCall(m, 200, 'GET', '/orders', { as: agent })).data).toHaveLength(1);
  });

  it('refuses to sell more than held with 422 insufficient_position', async () => {
    const { m, agent } = await setup();
    let res = await m.call('POST', '/orders', { as: agent, body: { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.01 } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'insufficient_position', required: 0.01, available: 0 });
    await placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01 });
    res = await m.call('POST', '/orders', { as: agent, body: { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.02 } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'insufficient_position', required: 0.02, available: 0.01 });
  });

  it('refuses a buy beyond the cash with 422 insufficient_funds, required and available', async () => {
    const { m, agent } = await setup({ startingCash: 5_000 });
    const res = await m.call('POST', '/orders', { as: agent, body: { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.1 } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('insufficient_funds');
    expect(res.body.available).toBe(5_000);
    expect(res.body.required).toBeGreaterThan(5_000);
    expect(await portfolio(m, agent)).toMatchObject({ cash: 5_000, positions: [] });
  });
});

describe('GET /orders', () => {
  it('filters by status and symbol (ticker or id), newest first', async () => {
    const { m, agent } = await setup();
    const placed: OrderJson[] = [];
    placed.push(await placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 }));
    m.ctx.clock.advance(1000);
    placed.push(await restingBuy(m, agent));
    m.ctx.clock.advance(1000);
    placed.push(await placeOrder(m, agent, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.1, price: 100 }));
    m.ctx.clock.advance(1000);
    placed.push(await placeOrder(m, agent, { symbol: 'eth', side: 'buy', type: 'market', quantity: 0.1 }));
    await expectCall(m, 200, 'DELETE', `/orders/${placed[2]!.orderId}`, { as: agent });
    const list = async (q: string) => ((await expectCall(m, 200, 'GET', `/orders${q}`, { as: agent })).data as OrderJson[]).map((o) => o.orderId);
    const ids = placed.map((o) => o.orderId);
    expect(await list('')).toEqual([...ids].reverse());
    expect(await list('?status=open,filled')).toEqual([ids[3], ids[1], ids[0]]);
    expect(await list('?status=canceled')).toEqual([ids[2]]);
    expect(await list('?symbol=btc')).toEqual([ids[1], ids[0]]);
    expect(await list('?symbol=ethereum&status=filled')).toEqual([ids[3]]);
    expect(await list('?status=expired')).toEqual([]);
  });

  it('pages 25 orders by 7 without repeats or skips, even with orders placed between pages', async () => {
    const { m, agent } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push((await placeOrder(m, agent, { symbol: 'DOT', side: 'buy', type: 'market', quantity: 1 + i })).orderId);
      m.ctx.clock.advance(500);
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor === null ? '?limit=7' : `?limit=7&cursor=${cursor}`;
      const page = await expectCall(m, 200, 'GET', `/orders${q}`, { as: agent });
      sizes.push(page.data.length);
      seen.push(...page.data.map((o: OrderJson) => o.orderId));
      cursor = page.nextCursor;
      await placeOrder(m, agent, { symbol: 'DOT', side: 'buy', type: 'market', quantity: 1 }); // newer: must not show up
    } while (cursor !== null);
    expect(sizes).toEqual([7, 7, 7, 4]);
    expect(seen).toEqual([...ids].reverse());
  });

  it.each(['garbage', 'bzE6OTk5', 'eyJpIjozfQ'])('rejects cursor %s with 400 invalid_cursor', async (cursor) => {
    const { m, agent } = await setup();
    await placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    const res = await m.call('GET', `/orders?cursor=${cursor}`, { as: agent });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_cursor');
  });
});
