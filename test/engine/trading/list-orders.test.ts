import { describe, expect, it } from 'vitest';
import { expectEngineError, makeHarness } from '../helpers/make-engine.js';

const setup = () => {
  const h = makeHarness({ startingCash: 10_000_000 });
  const id = h.agent();
  const place = (price = 40_000, symbol = 'BTC') =>
    h.engine.placeOrder(id, { symbol, side: 'buy', type: 'limit', quantity: 0.01, price }).order.orderId;
  return { ...h, id, place };
};

describe('getOrder', () => {
  it('returns a copy that callers cannot use to mutate engine state', () => {
    const { engine, id, place } = setup();
    const orderId = place();
    const view = engine.getOrder(id, orderId);
    view.status = 'filled';
    view.fills.push({ fillId: 'x', price: 1, quantity: 1, fee: 0, liquidity: 'maker', timestamp: 0 });
    expect(engine.getOrder(id, orderId)).toMatchObject({ status: 'open', fills: [] });
  });
});

describe('listOrders', () => {
  it('lists newest first with a default limit of 50', () => {
    const { engine, id, place } = setup();
    const ids = Array.from({ length: 60 }, () => place());
    const page = engine.listOrders(id);
    expect(page.items).toHaveLength(50);
    expect(page.items[0]?.orderId).toBe(ids[59]);
    expect(page.nextCursor).not.toBeNull();
    const rest = engine.listOrders(id, { cursor: page.nextCursor });
    expect(rest.items.map((o) => o.orderId)).toEqual(ids.slice(0, 10).reverse());
    expect(rest.nextCursor).toBeNull();
  });

  it('pages stably while new orders arrive between pages', () => {
    const { engine, id, place } = setup();
    const ids = Array.from({ length: 7 }, () => place());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = engine.listOrders(id, { limit: 3, cursor });
      seen.push(...page.items.map((o) => o.orderId));
      place(); // arrives between pages: must not shift what the next page shows
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('has no empty last page', () => {
    const { engine, id, place } = setup();
    for (let i = 0; i < 4; i++) place();
    const p1 = engine.listOrders(id, { limit: 2 });
    const p2 = engine.listOrders(id, { limit: 2, cursor: p1.nextCursor });
    expect(p2.items).toHaveLength(2);
    expect(p2.nextCursor).toBeNull();
  });

  it('filters by status set and symbol (ticker, id or any case)', () => {
    const { engine, id, place } = setup();
    const a = place(40_000, 'BTC');
    const b = place(2_000, 'ETH');
    const c = place(40_000, 'BTC');
    engine.cancelOrder(id, c);
    const filled = engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.01 }).order.orderId;
    expect(engine.listOrders(id, { status: ['open'] }).items.map((o) => o.orderId)).toEqual([b, a]);
    expect(engine.listOrders(id, { status: ['canceled', 'filled'] }).items.map((o) => o.orderId)).toEqual([filled, c]);
    expect(engine.listOrders(id, { symbol: 'ethereum' }).items.map((o) => o.orderId)).toEqual([filled, b]);
    expect(engine.listOrders(id, { symbol: 'btc', status: ['open'] }).items.map((o) => o.orderId)).toEqual([a]);
    const p1 = engine.listOrders(id, { symbol: 'BTC', limit: 1 });
    expect(engine.listOrders(id, { symbol: 'BTC', limit: 1, cursor: p1.nextCursor }).items.map((o) => o.orderId)).toEqual([a]);
    expectEngineError(() => engine.listOrders(id, { symbol: 'NOPE' }), 'unknown_symbol');
    expectEngineError(() => engine.listOrders(id, { status: ['done' as never] }), 'invalid_request');
  });

  it('only lists the caller’s orders', () => {
    const { engine, place, agent } = setup();
    place();
    expect(engine.listOrders(agent()).items).toEqual([]);
  });

  it.each([0, 101, 1.5])('rejects limit %s', (limit) => {
    const { engine, id } = setup();
    expectEngineError(() => engine.listOrders(id, { limit }), 'invalid_request');
  });

  it.each(['garbage', 'bzE6OTk5', '', 'o1:1', Buffer.from('o1:01').toString('base64url')])('rejects cursor %j', (cursor) => {
    const { engine, id, place } = setup();
    place();
    if (cursor === '') {
      expect(engine.listOrders(id, { cursor }).items).toHaveLength(1); // empty = first page
      return;
    }
    expect(expectEngineError(() => engine.listOrders(id, { cursor }), 'invalid_cursor').status).toBe(400);
  });
});
