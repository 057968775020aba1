import { describe, expect, it } from 'vitest';
import { T0 } from '../helpers/fake-clock.js';
import { expectEngineError, makeHarness } from '../helpers/make-engine.js';

const setup = (opts = {}) => {
  const h = makeHarness(opts);
  return { ...h, id: h.agent() };
};

describe('limit orders: placing', () => {
  it('a non-crossing buy rests open and reserves remaining × limit × (1 + fee)', () => {
    const { engine, id } = setup();
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    expect(order).toMatchObject({ status: 'open', price: 49_000, filledQuantity: 0, remainingQuantity: 1, fills: [] });
    const p = engine.portfolio(id);
    expect(p).toMatchObject({ cash: 100_000, reservedCash: 49_049, availableCash: 50_951, totalValue: 100_000 });
    expect(engine.stats().restingOrders).toBe(1);
  });

  it('a crossing buy takes the book up to its limit and rests the rest', () => {
    const { engine, id } = setup({ startingCash: 1_000_000 });
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 3, price: 50_015 });
    expect(order.status).toBe('partially_filled');
    expect(order.fills.map((f) => [f.price, f.quantity, f.liquidity])).toEqual([
      [50_005, 1, 'taker'],
      [50_015, 1, 'taker'],
    ]);
    expect(order.remainingQuantity).toBe(1);
    const p = engine.portfolio(id);
    expect(p.reservedCash).toBe(50_065.015); // 1 × 50 015 × 1.001
    expect(p.cash).toBe(roundTo8(1_000_000 - 100_020 - 100.02));
  });

  it('a crossing sell takes the bids down to its limit', () => {
    const { engine, id } = setup({ startingCash: 1_000_000 });
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 2 });
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 2, price: 49_990 });
    expect(order.fills.map((f) => [f.price, f.quantity])).toEqual([[49_995, 1]]);
    expect(order).toMatchObject({ status: 'partially_filled', remainingQuantity: 1 });
    expect(engine.portfolio(id).reservedCash).toBe(0); // sells reserve position, not cash
  });

  it('a fully crossing limit fills completely', () => {
    const { engine, id } = setup();
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.5, price: 51_000 });
    expect(order).toMatchObject({ status: 'filled', avgFillPrice: 50_005 });
    expect(engine.stats().restingOrders).toBe(0);
  });

  it('reservations count against later buys', () => {
    const { engine, id } = setup();
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1.5, price: 49_000 });
    const e = expectEngineError(
      () => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 }),
      'insufficient_funds',
    );
    expect(e.details).toEqual({ required: 49_049, available: roundTo8(100_000 - 73_573.5) });
  });
});

describe('limit orders: settle()', () => {
  it('fills a resting buy at its limit as maker once the low reaches it', () => {
    const { engine, clock, market, events, id } = setup();
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    clock.advance(60_000);
    market.set('BTC', 49_500);
    engine.settle();
    expect(engine.getOrder(id, order.orderId).status).toBe('open');
    // The dip happens and recovers before anyone looks: the path still crossed.
    market.set('BTC', 48_990, clock.now() + 1000);
    market.set('BTC', 49_800, clock.now() + 2000);
    clock.advance(5000);
    events.length = 0;
    const filled = engine.getOrder(id, order.orderId);
    expect(filled).toMatchObject({ status: 'filled', filledQuantity: 1, avgFillPrice: 49_000, fees: 49, updatedAt: clock.now() });
    expect(filled.fills).toEqual([
      { fillId: expect.stringMatching(/^fill_/), price: 49_000, quantity: 1, fee: 49, liquidity: 'maker', timestamp: clock.now() },
    ]);
    expect(events.map((e) => e.type)).toEqual(['order.filled']);
    const p = engine.portfolio(id);
    expect(p).toMatchObject({ cash: 50_951, reservedCash: 0, availableCash: 50_951 });
    expect(p.positions[0]).toMatchObject({ quantity: 1, avgPrice: 49_000 });
  });

  it('fills a resting sell once the high reaches it; a partially filled order fills its remainder', () => {
    const { engine, clock, market, id } = setup({ startingCash: 1_000_000 });
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 2 });
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 2, price: 49_990 });
    expect(order.filledQuantity).toBe(1);
    clock.advance(1000);
    market.set('BTC', 49_990);
    engine.settle();
    const o = engine.getOrder(id, order.orderId);
    expect(o).toMatchObject({ status: 'filled', filledQuantity: 2 });
    expect(o.fills.map((f) => [f.price, f.quantity, f.liquidity])).toEqual([
      [49_995, 1, 'taker'],
      [49_990, 1, 'maker'],
    ]);
    expect(engine.portfolio(id).positions).toEqual([]);
  });

  it('leaves orders alone when the path never reaches them', () => {
    const { engine, clock, market, id } = setup();
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    clock.advance(1000);
    market.set('BTC', 49_000.01);
    engine.settle();
    expect(engine.stats().restingOrders).toBe(1);
  });

  it('decides fills in order of creation across agents, sides and symbols', () => {
    const h = makeHarness();
    const a = h.agent();
    const b = h.agent();
    h.engine.placeOrder(b, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 1 });
    const o1 = h.engine.placeOrder(a, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 49_000 }).order;
    const o2 = h.engine.placeOrder(b, { symbol: 'ETH', side: 'sell', type: 'limit', quantity: 1, price: 3_100 }).order;
    const o3 = h.engine.placeOrder(a, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 49_500 }).order;
    h.clock.advance(1000);
    h.market.set('BTC', 48_000);
    h.market.set('ETH', 3_200);
    h.events.length = 0;
    h.engine.settle();
    expect(h.events.map((e) => e.order?.orderId)).toEqual([o1.orderId, o2.orderId, o3.orderId]);
  });

  it('is idempotent and never runs backwards', () => {
    const { engine, clock, market, id } = setup();
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    clock.advance(1000);
    market.set('BTC', 48_000);
    engine.settle();
    const once = engine.snapshot();
    engine.settle();
    expect(engine.snapshot()).toEqual(once);
    clock.set(T0 - 60_000);
    engine.settle();
    expect(engine.snapshot()).toEqual(once);
  });

  it('is equivalent whether settled step by step or at once (fills and money)', () => {
    const run = (steps: number) => {
      const h = makeHarness();
      const id = h.agent();
      h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
      h.engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 2, price: 2_900 });
      h.market.set('BTC', 48_500, T0 + 3_000);
      h.market.set('ETH', 2_850, T0 + 7_000);
      for (let i = 1; i <= steps; i++) {
        h.clock.set(T0 + (10_000 * i) / steps);
        h.engine.settle();
      }
      const p = h.engine.portfolio(id);
      return { cash: p.cash, positions: p.positions };
    };
    expect(run(1)).toEqual(run(10));
  });
});

function roundTo8(x: number): number {
  return Math.round(x * 1e8) / 1e8;
}
