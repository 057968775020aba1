import { describe, expect, it } from 'vitest';
import { T0 } from '../helpers/fake-clock.js';
import { expectEngineError, makeHarness } from '../helpers/make-engine.js';

// Default BTC book: mid 50 000, asks 50 005/50 015/… and bids 49 995/49 985/…, 1 BTC per level.
const setup = (opts = {}) => {
  const h = makeHarness(opts);
  return { ...h, id: h.agent() };
};

describe('market orders', () => {
  it('buy walks the asks level by level with taker fees', () => {
    const { engine, id } = setup();
    const { order, replayed } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1.5 });
    expect(replayed).toBe(false);
    expect(order).toMatchObject({
      status: 'filled',
      type: 'market',
      price: null,
      quantity: 1.5,
      filledQuantity: 1.5,
      remainingQuantity: 0,
      avgFillPrice: 50008.33333333,
      fees: 75.0125,
      rejectReason: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(order.orderId).toMatch(/^ord_[0-9a-f]{20}$/);
    expect(order.fills.map((f) => [f.price, f.quantity, f.fee, f.liquidity, f.timestamp])).toEqual([
      [50_005, 1, 50.005, 'taker', T0],
      [50_015, 0.5, 25.0075, 'taker', T0],
    ]);
    expect(order.fills[0]?.fillId).toMatch(/^fill_[0-9a-f]{20}$/);
    const p = engine.portfolio(id);
    expect(p.cash).toBe(24_912.4875);
    expect(p.positions).toEqual([
      {
        symbol: 'BTC',
        quantity: 1.5,
        avgPrice: 50008.33333333,
        marketPrice: 50_000,
        marketValue: 75_000,
        unrealizedPnl: -12.5,
        realizedPnl: 0,
      },
    ]);
    expect(p.totalValue).toBe(99_912.4875);
  });

  it('sell walks the bids and realises P&L against the average price', () => {
    const { engine, market, clock, id } = setup();
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 }); // 1 @ 50 005
    clock.advance(1000);
    market.set('BTC', 51_000);
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.4 });
    expect(order.fills.map((f) => [f.price, f.quantity])).toEqual([[50_995, 0.4]]);
    expect(order.fees).toBe(20.398);
    const p = engine.portfolio(id);
    expect(p.positions[0]).toMatchObject({ quantity: 0.6, avgPrice: 50_005, realizedPnl: 396 });
    // 100 000 − 50 005 − 50.005 + 20 398 − 20.398
    expect(p.cash).toBe(70_322.597);
  });

  it('removes a position that goes back to zero', () => {
    const { engine, id } = setup();
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.5 });
    engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.5 });
    expect(engine.portfolio(id).positions).toEqual([]);
  });

  it('expires the remainder when the book runs out, keeping what filled', () => {
    const { engine, events, id } = setup({ startingCash: 1_000_000 });
    events.length = 0;
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 6 });
    expect(order).toMatchObject({ status: 'expired', filledQuantity: 5, remainingQuantity: 1 });
    expect(order.fills).toHaveLength(5);
    expect(events.map((e) => [e.type, e.order?.status])).toEqual([
      ['order.created', 'open'],
      ['order.partially_filled', 'expired'],
      ['order.canceled', 'expired'],
    ]);
    expect(engine.portfolio(id).positions[0]?.quantity).toBe(5);
  });

  it('expires with nothing filled on an empty book', () => {
    const { engine, market, id } = setup();
    market.shapes.BTC = { levels: 0, levelQty: 1, halfSpread: 5, step: 10 };
    const { order } = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 });
    expect(order).toMatchObject({ status: 'expired', filledQuantity: 0, avgFillPrice: null, fees: 0 });
    expect(engine.portfolio(id).cash).toBe(100_000);
  });

  it('only takes whole lots from a level', () => {
    const { engine, market, id } = setup();
    market.shapes.DOGE = { levels: 2, levelQty: 100.7, halfSpread: 0.0001, step: 0.0001 };
    const { order } = engine.placeOrder(id, { symbol: 'DOGE', side: 'buy', type: 'market', quantity: 150 });
    expect(order.fills.map((f) => f.quantity)).toEqual([100, 50]);
  });

  it('needs cash for the walked cost including fees', () => {
    const { engine, id } = setup({ startingCash: 50_055 });
    // 1 BTC @ 50 005 + 50.005 fee = 50 055.005 > 50 055
    const e = expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 }), 'insufficient_funds');
    expect(e.status).toBe(422);
    expect(e.details).toEqual({ required: 50_055.005, available: 50_055 });
    expect(engine.stats().orders).toBe(0);
  });

  it('needs a position to sell (no shorting by default)', () => {
    const { engine, id } = setup();
    const e = expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.1 }), 'insufficient_position');
    expect(e.status).toBe(422);
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 });
    engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.7, price: 60_000 });
    // 1 held − 0.7 committed to an open sell = 0.3 sellable
    const e2 = expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.4 }), 'insufficient_position');
    expect(e2.details).toMatchObject({ available: 0.3, required: 0.4 });
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.3 }).order.status).toBe('filled');
  });

  it('allows shorting when allowShort is set, and covers with realised P&L', () => {
    const { engine, market, clock, id } = setup({ allowShort: true });
    engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 1 }); // short 1 @ 49 995
    let p = engine.portfolio(id);
    expect(p.positions[0]).toMatchObject({ quantity: -1, avgPrice: 49_995, marketValue: -50_000, unrealizedPnl: -5 });
    expect(p.totalValue).toBeCloseTo(p.cash - 50_000, 6);
    clock.advance(1000);
    market.set('BTC', 49_000);
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.5 }); // covers 0.5 @ 49 005
    p = engine.portfolio(id);
    expect(p.positions[0]).toMatchObject({ quantity: -0.5, avgPrice: 49_995, realizedPnl: 495 });
    // Through zero: the closed part realises, the rest opens a long at the fill price.
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.75 });
    p = engine.portfolio(id);
    expect(p.positions[0]).toMatchObject({ quantity: 0.25, avgPrice: 49_005, realizedPnl: 990 });
  });
});
