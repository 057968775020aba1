import { describe, expect, it } from 'vitest';
import { expectEngineError, makeHarness } from '../helpers/make-engine.js';

const setup = (opts = {}) => {
  const h = makeHarness(opts);
  return { ...h, id: h.agent() };
};

describe('cancelOrder', () => {
  it('cancels a resting order and releases its exact reservation', () => {
    const { engine, clock, events, id } = setup();
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    clock.advance(500);
    events.length = 0;
    const canceled = engine.cancelOrder(id, order.orderId);
    expect(canceled).toMatchObject({ orderId: order.orderId, status: 'canceled', remainingQuantity: 1, updatedAt: clock.now() });
    expect(events.map((e) => [e.type, e.order?.status])).toEqual([['order.canceled', 'canceled']]);
    expect(engine.portfolio(id)).toMatchObject({ reservedCash: 0, availableCash: 100_000 });
    expect(engine.stats().restingOrders).toBe(0);
  });

  it('keeps fills of a partially filled order', () => {
    const { engine, id } = setup({ startingCash: 1_000_000 });
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 3, price: 50_005 });
    const canceled = engine.cancelOrder(id, order.orderId);
    expect(canceled).toMatchObject({ status: 'canceled', filledQuantity: 1, remainingQuantity: 2 });
    expect(engine.portfolio(id).positions[0]?.quantity).toBe(1);
  });

  it('refuses finished orders with order_not_modifiable (409) naming the status', () => {
    const { engine, id } = setup();
    const filled = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.1 }).order;
    const e = expectEngineError(() => engine.cancelOrder(id, filled.orderId), 'order_not_modifiable');
    expect(e.status).toBe(409);
    expect(e.message).toContain('filled');
    const resting = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 40_000 }).order;
    engine.cancelOrder(id, resting.orderId);
    expect(expectEngineError(() => engine.cancelOrder(id, resting.orderId), 'order_not_modifiable').message).toContain('canceled');
    expect(expectEngineError(() => engine.modifyOrder(id, resting.orderId, { quantity: 1 }), 'order_not_modifiable').details).toMatchObject({
      orderStatus: 'canceled',
    });
  });

  it("treats another agent's order as not found", () => {
    const h = makeHarness();
    const a = h.agent();
    const b = h.agent();
    const { order } = h.engine.placeOrder(a, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 40_000 });
    expect(expectEngineError(() => h.engine.cancelOrder(b, order.orderId), 'order_not_found').status).toBe(404);
    expectEngineError(() => h.engine.modifyOrder(b, order.orderId, { price: 41_000 }), 'order_not_found');
    expectEngineError(() => h.engine.getOrder(b, order.orderId), 'order_not_found');
    expectEngineError(() => h.engine.getOrder(b, 'ord_00000000000000000000'), 'order_not_found');
    expect(h.engine.getOrder(a, order.orderId).status).toBe('open');
  });
});

describe('modifyOrder', () => {
  it('changes quantity (new total) and price, keeping the id and re-reserving', () => {
    const { engine, clock, id } = setup();
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    clock.advance(100);
    const m = engine.modifyOrder(id, order.orderId, { quantity: 1.5, price: 48_000 });
    expect(m).toMatchObject({ orderId: order.orderId, quantity: 1.5, price: 48_000, status: 'open', updatedAt: clock.now() });
    expect(engine.portfolio(id).reservedCash).toBe(72_072); // 1.5 × 48 000 × 1.001
    const smaller = engine.modifyOrder(id, order.orderId, { quantity: 0.5 });
    expect(smaller.remainingQuantity).toBe(0.5);
    expect(engine.portfolio(id).reservedCash).toBe(24_024);
    expect(engine.listOrders(id).items).toHaveLength(1);
  });

  it('returns the order unchanged when nothing changes', () => {
    const { engine, id } = setup();
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    const before = engine.snapshot();
    expect(engine.modifyOrder(id, order.orderId, {})).toEqual(order);
    expect(engine.modifyOrder(id, order.orderId, { quantity: 1, price: 49_000 })).toEqual(order);
    expect(engine.snapshot()).toEqual(before);
  });

  it('re-checks funds for the added amount, counting its own released reservation', () => {
    const { engine, id } = setup();
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    // 2 × 49 000 × 1.001 = 98 098 ≤ 100 000 (the old 49 049 is released first)
    expect(engine.modifyOrder(id, order.orderId, { quantity: 2 }).quantity).toBe(2);
    const before = engine.snapshot();
    const e = expectEngineError(() => engine.modifyOrder(id, order.orderId, { quantity: 2.1 }), 'insufficient_funds');
    expect(e.details).toMatchObject({ available: 100_000 });
    expect(engine.snapshot()).toEqual(before);
  });

  it('requires the new total to exceed what already filled', () => {
    const { engine, id } = setup({ startingCash: 1_000_000 });
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 3, price: 50_005 });
    expectEngineError(() => engine.modifyOrder(id, order.orderId, { quantity: 1 }), 'invalid_quantity');
    expectEngineError(() => engine.modifyOrder(id, order.orderId, { quantity: 0.5 }), 'invalid_quantity');
    expectEngineError(() => engine.modifyOrder(id, order.orderId, { quantity: 1.00001 }), 'invalid_quantity'); // off-lot
    expectEngineError(() => engine.modifyOrder(id, order.orderId, { price: 1.001 }), 'invalid_price');
    expect(engine.modifyOrder(id, order.orderId, { quantity: 1.5, price: 49_000 })).toMatchObject({
      remainingQuantity: 0.5,
      status: 'partially_filled',
    });
  });

  it('a price that now crosses fills immediately like a new limit order', () => {
    const { engine, events, id } = setup({ startingCash: 1_000_000 });
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1.5, price: 49_000 });
    events.length = 0;
    const m = engine.modifyOrder(id, order.orderId, { price: 50_005 });
    expect(m).toMatchObject({ orderId: order.orderId, status: 'partially_filled', filledQuantity: 1, remainingQuantity: 0.5 });
    expect(m.fills[0]).toMatchObject({ price: 50_005, liquidity: 'taker' });
    expect(engine.portfolio(id).reservedCash).toBe(25_027.5025); // 0.5 × 50 005 × 1.001
    expect(events.map((e) => e.type)).toEqual(['order.partially_filled']);
    const all = engine.modifyOrder(id, order.orderId, { price: 50_015 });
    expect(all).toMatchObject({ status: 'filled', filledQuantity: 1.5 });
    expect(engine.portfolio(id).reservedCash).toBe(0);
  });

  it('re-checks the position for sells', () => {
    const { engine, id } = setup();
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 });
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.5, price: 60_000 });
    engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.3, price: 61_000 });
    expect(engine.modifyOrder(id, order.orderId, { quantity: 0.7 }).quantity).toBe(0.7);
    expectEngineError(() => engine.modifyOrder(id, order.orderId, { quantity: 0.8 }), 'insufficient_position');
  });

  it('re-checks the position limit when it adds risk, not when it reduces', () => {
    const h = makeHarness();
    const id = h.agent({ maxPositionSize: 60_000 });
    const { order } = h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    const e = expectEngineError(() => h.engine.modifyOrder(id, order.orderId, { quantity: 1.3 }), 'position_limit_exceeded');
    expect(e.details).toMatchObject({ limit: 60_000, projected: 63_700 });
    expect(h.engine.modifyOrder(id, order.orderId, { quantity: 1.2 }).quantity).toBe(1.2);
    expect(h.engine.modifyOrder(id, order.orderId, { quantity: 0.5 }).quantity).toBe(0.5);
  });
});
