import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COINS, MODEL_EPOCH, createModelMarket } from '../../../src/mock/engine/market/index.js';
import { DAY, MINUTE, T, coin, market, onGrid } from './support.js';

const anySymbol = fc.constantFrom(...DEFAULT_COINS.map((c) => c.symbol));
const anyTime = fc.integer({ min: MODEL_EPOCH - 365 * DAY, max: MODEL_EPOCH + 3 * 365 * DAY });

describe('book()', () => {
  it('is sorted, straddles the mid, sits on the tick/lot grids and has positive sizes', () => {
    fc.assert(
      fc.property(anySymbol, anyTime, fc.integer({ min: 1, max: 100 }), (symbol, t, depth) => {
        const c = coin(symbol);
        const mid = market.price(symbol, t);
        const b = market.book(symbol, depth, t);
        expect(b.symbol).toBe(c.symbol);
        expect(b.timestamp).toBe(t);
        expect(b.bids).toHaveLength(depth);
        expect(b.asks).toHaveLength(depth);
        expect(b.bids[0]!.price).toBeLessThan(mid);
        expect(b.asks[0]!.price).toBeGreaterThan(mid);
        for (let i = 1; i < depth; i++) {
          expect(b.bids[i]!.price).toBeLessThan(b.bids[i - 1]!.price);
          expect(b.asks[i]!.price).toBeGreaterThan(b.asks[i - 1]!.price);
        }
        for (const l of [...b.bids, ...b.asks]) {
          expect(l.price).toBeGreaterThan(0);
          expect(onGrid(l.price, c.tickSize)).toBe(true);
          expect(l.quantity).toBeGreaterThan(0);
          expect(onGrid(l.quantity, c.lotSize)).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('has a spread of a few basis points that grows with volatility', () => {
    const spreadBps = (symbol: string): number => {
      let sum = 0;
      for (let i = 0; i < 200; i++) {
        const t = T + i * 7 * MINUTE;
        const b = market.book(symbol, 1, t);
        sum += ((b.asks[0]!.price - b.bids[0]!.price) / market.price(symbol, t)) * 1e4;
      }
      return sum / 200;
    };
    const btc = spreadBps('BTC');
    const doge = spreadBps('DOGE');
    expect(btc).toBeGreaterThan(0.5);
    expect(btc).toBeLessThan(10);
    expect(doge).toBeGreaterThan(btc);
  });

  it('decays in size away from the mid on average, with realistic total depth', () => {
    const notional = (side: 'bids' | 'asks', from: number, to: number): number => {
      let sum = 0;
      for (let i = 0; i < 50; i++) {
        const b = market.book('BTC', 50, T + i * MINUTE);
        for (const l of b[side].slice(from, to)) sum += l.price * l.quantity;
      }
      return sum / 50;
    };
    for (const side of ['bids', 'asks'] as const) {
      expect(notional(side, 0, 10)).toBeGreaterThan(notional(side, 40, 50) * 1.5);
      const total = notional(side, 0, 50);
      expect(total).toBeGreaterThan(200_000);
      expect(total).toBeLessThan(3_000_000);
    }
  });

  it('is deterministic per (seed, symbol, minute); sizes only follow the mid within a minute', () => {
    const other = createModelMarket({ seed: 42 });
    expect(JSON.stringify(other.book('ETH', 20, T))).toBe(JSON.stringify(market.book('ETH', 20, T)));
    const minute = Math.floor(T / MINUTE) * MINUTE;
    const a = market.book('ETH', 20, minute + 1000);
    const b = market.book('ETH', 20, minute + 2000);
    // Sizes are USD notionals converted at the mid, so they move with it by a hair (and a lot).
    a.bids.forEach((l, i) => expect(Math.abs(l.quantity - b.bids[i]!.quantity)).toBeLessThanOrEqual(l.quantity * 1e-3 + coin('ETH').lotSize));
    const c = market.book('ETH', 20, minute + MINUTE);
    expect(c.bids.map((l) => l.quantity)).not.toEqual(a.bids.map((l) => l.quantity));
    expect(createModelMarket({ seed: 43 }).book('ETH', 20, T)).not.toEqual(a);
  });

  it('validates depth', () => {
    expect(() => market.book('BTC', 0, T)).toThrow(RangeError);
    expect(() => market.book('BTC', 101, T)).toThrow(RangeError);
    expect(() => market.book('BTC', 2.5, T)).toThrow(RangeError);
  });

  it('bookAt lays the same structure around any mid', () => {
    const b = market.bookAt('SHIB', 10, T, 0.00002);
    expect(b.bids[0]!.price).toBeLessThan(0.00002);
    expect(b.asks[0]!.price).toBeGreaterThan(0.00002);
    expect(() => market.bookAt('SHIB', 10, T, 0)).toThrow(RangeError);
  });
});
