// Invariants of what the API serves from a source: tickers, candles and order books, each
// consistent with price() and range() at the same instants.
import fc from 'fast-check';
import { expect } from 'vitest';
import { INTERVAL_MS, MAX_DEPTH } from '../../../src/mock/engine/market/index.js';
import { DAY } from '../../../src/mock/engine/market/grid.js';
import type { CandleInterval } from '../../../src/mock/engine/types.js';
import { onGrid } from '../../engine/market/support.js';
import { RUNS, type Invariant, type InvariantName } from './types.js';

const INTERVALS = Object.keys(INTERVAL_MS) as CandleInterval[];
const positive = (x: number): boolean => Number.isFinite(x) && x > 0;

export const viewInvariants = {
  ticker: {
    title: "ticker(): the coin's identity, price() at t, low24h <= price <= high24h on the tick, positive volume and market cap",
    run: ({ source, anySymbol, anyTime }) => {
      const m = source();
      fc.assert(fc.property(anySymbol(), anyTime, (symbol, t) => {
        const tk = m.ticker(symbol, t);
        const coin = m.coin(symbol)!;
        expect(tk).toMatchObject({ id: coin.id, symbol: coin.symbol, name: coin.name, price: m.price(symbol, t), updatedAt: t });
        expect(tk.low24h).toBeLessThanOrEqual(tk.price);
        expect(tk.high24h).toBeGreaterThanOrEqual(tk.price);
        expect(positive(tk.low24h) && onGrid(tk.low24h, coin.tickSize) && onGrid(tk.high24h, coin.tickSize)).toBe(true);
        expect(positive(tk.volume24h) && positive(tk.marketCap) && Number.isFinite(tk.change24h), JSON.stringify(tk)).toBe(true);
      }), { numRuns: RUNS });
    },
  },

  'ticker-from-path': {
    title: 'ticker(): change24h, low24h, high24h and marketCap derive from the path (price(t - 24 h), range(t - 24 h, t))',
    run: ({ source, anySymbol, anyTime }) => {
      const m = source();
      fc.assert(fc.property(anySymbol(), anyTime, (symbol, t) => {
        const tk = m.ticker(symbol, t);
        const before = m.price(symbol, t - DAY);
        expect({ low: tk.low24h, high: tk.high24h }).toEqual(m.range(symbol, t - DAY, t));
        expect(Math.abs(tk.change24h - ((tk.price - before) / before) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(onGrid(tk.change24h, 0.01)).toBe(true);
        expect(tk.marketCap).toBe(Math.round(tk.price * m.coin(symbol)!.supply));
      }), { numRuns: RUNS });
    },
  },

  candles: {
    title: 'candles(): contiguous windows, high >= open, close >= low, open and close are price() and high/low are range() of the window',
    run: ({ source, anySymbol, anyTime }) => {
      const m = source();
      const args = fc.tuple(anySymbol(), anyTime, fc.constantFrom(...INTERVALS), fc.integer({ min: 1, max: 60 }));
      fc.assert(fc.property(args, ([symbol, t, interval, limit]) => {
        const { tickSize, lotSize } = m.coin(symbol)!;
        const ms = INTERVAL_MS[interval];
        const cs = m.candles(symbol, interval, limit, t);
        expect(cs).toHaveLength(limit);
        cs.forEach((k, i) => {
          const end = Math.min(k.closeTime, t);
          expect(k.openTime % ms).toBe(0);
          expect(k.closeTime).toBe(k.openTime + ms - 1);
          if (i > 0) expect(k.openTime).toBe(cs[i - 1]!.closeTime + 1);
          expect(k.low).toBeLessThanOrEqual(Math.min(k.open, k.close));
          expect(k.high).toBeGreaterThanOrEqual(Math.max(k.open, k.close));
          expect([k.open, k.close]).toEqual([m.price(symbol, k.openTime), m.price(symbol, end)]);
          expect({ low: k.low, high: k.high }).toEqual(m.range(symbol, k.openTime, end));
          expect([k.open, k.high, k.low, k.close].every((p) => positive(p) && onGrid(p, tickSize))).toBe(true);
          expect(positive(k.volume) && onGrid(k.volume, lotSize), `volume ${k.volume}`).toBe(true);
        });
        expect(cs.at(-1)!.openTime).toBeLessThanOrEqual(t);
        expect(cs.at(-1)!.closeTime).toBeGreaterThanOrEqual(t);
      }), { numRuns: RUNS });
    },
  },

  book: {
    title: 'book(): bids descending below the mid, asks ascending above it, a spread under 1 %, on the tick and lot grids',
    run: ({ source, anySymbol, anyTime }) => {
      const m = source();
      fc.assert(fc.property(anySymbol(), anyTime, fc.integer({ min: 1, max: MAX_DEPTH }), (symbol, t, depth) => {
        const coin = m.coin(symbol)!;
        const mid = m.price(symbol, t);
        const b = m.book(symbol, depth, t);
        expect(b).toMatchObject({ symbol: coin.symbol, timestamp: t });
        expect(b.asks).toHaveLength(depth);
        expect(b.bids.length).toBeGreaterThan(0); // levels that would be <= 0 are dropped near zero
        expect(b.bids.length).toBeLessThanOrEqual(depth);
        expect(b.bids[0]!.price).toBeLessThan(mid);
        expect(b.asks[0]!.price).toBeGreaterThan(mid);
        expect((b.asks[0]!.price - b.bids[0]!.price) / mid).toBeLessThan(0.01);
        // One expect per book, not per level: a 100-level book would otherwise cost 400 of them.
        expect(b.bids.findIndex((l, i) => i > 0 && l.price >= b.bids[i - 1]!.price), 'bids out of order').toBe(-1);
        expect(b.asks.findIndex((l, i) => i > 0 && l.price <= b.asks[i - 1]!.price), 'asks out of order').toBe(-1);
        const offGrid = (l: { price: number; quantity: number }) =>
          !(positive(l.price) && onGrid(l.price, coin.tickSize) && positive(l.quantity) && onGrid(l.quantity, coin.lotSize));
        expect([...b.bids, ...b.asks].find(offGrid), 'a level off the tick or lot grid').toBeUndefined();
      }), { numRuns: RUNS });
    },
  },
} satisfies Partial<Record<InvariantName, Invariant>>;
