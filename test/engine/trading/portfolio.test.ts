import { describe, expect, it } from 'vitest';
import { makeHarness } from '../helpers/make-engine.js';

describe('portfolio', () => {
  it('starts with startingCash and no positions', () => {
    const h = makeHarness({ startingCash: 25_000 });
    const id = h.agent();
    expect(h.engine.portfolio(id)).toEqual({
      cash: 25_000,
      reservedCash: 0,
      availableCash: 25_000,
      totalValue: 25_000,
      positions: [],
      dayPnl: 0,
      dayStartEquity: 25_000,
      breakers: {
        dailyLoss: { limit: null, current: 0, tripped: false, trippedAt: null, resetsAt: null },
        maxPositionSize: { limit: null },
      },
    });
  });

  it('weights the average price over buys and marks at the current mid', () => {
    const h = makeHarness({ feeBps: 0 });
    const id = h.agent();
    h.engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 2 }); // @ 3 000.5
    h.clock.advance(1000);
    h.market.set('ETH', 3_100);
    h.engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 1 }); // @ 3 100.5
    const p = h.engine.portfolio(id);
    expect(p.positions).toEqual([
      { symbol: 'ETH', quantity: 3, avgPrice: 3033.83333333, marketPrice: 3_100, marketValue: 9_300, unrealizedPnl: 198.50000001, realizedPnl: 0 },
    ]);
    expect(p.cash).toBe(100_000 - 6_001 - 3_100.5);
    expect(p.totalValue).toBe(p.cash + 9_300);
  });

  it('lists positions by symbol and counts reserved cash in totalValue', () => {
    const h = makeHarness();
    const id = h.agent();
    h.engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 1 });
    h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.1 });
    h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 40_000 });
    const p = h.engine.portfolio(id);
    expect(p.positions.map((x) => x.symbol)).toEqual(['BTC', 'ETH']);
    const marks = p.positions.reduce((s, x) => s + x.quantity * x.marketPrice, 0);
    expect(p.totalValue).toBeCloseTo(p.cash + marks, 8);
    expect(p.availableCash).toBeCloseTo(p.cash - p.reservedCash, 8);
    expect(p.dayPnl).toBeCloseTo(p.totalValue - 100_000, 8);
  });
});
