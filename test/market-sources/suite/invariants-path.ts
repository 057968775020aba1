// Invariants of the price path itself: price() everywhere, range() against price(), and what a
// recorded source does at and beyond the ends of its series.
import fc from 'fast-check';
import { expect } from 'vitest';
import { DAY, HOUR } from '../../../src/mock/engine/market/grid.js';
import { onGrid } from '../../engine/market/support.js';
import { RUNS, type Invariant, type InvariantName } from './types.js';

export const pathInvariants = {
  prices: {
    title: 'price() is positive, finite and on the tick grid at every instant',
    run: ({ source, anySymbol, anyTime }) => {
      const m = source();
      fc.assert(fc.property(anySymbol(), anyTime, (symbol, t) => {
        const p = m.price(symbol, t);
        expect(Number.isFinite(p) && p > 0, `${symbol} at ${t}: ${p}`).toBe(true);
        expect(onGrid(p, m.coin(symbol)!.tickSize), `${symbol} at ${t}: ${p}`).toBe(true);
      }), { numRuns: RUNS });
    },
  },

  range: {
    title: 'range() brackets every price of the span and both ends, ignores argument order, and widens with the span',
    run: ({ source, anySymbol, anyTime }) => {
      const m = source();
      fc.assert(fc.property(anySymbol(), anyTime, anyTime, fc.double({ min: 0, max: 1, noNaN: true }), (symbol, a, b, f) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const r = m.range(symbol, from, to);
        for (const t of [from, to, from + Math.floor(f * (to - from))]) {
          const p = m.price(symbol, t);
          expect(r.low, `low of ${symbol} over [${from}, ${to}] vs ${t}`).toBeLessThanOrEqual(p);
          expect(r.high, `high of ${symbol} over [${from}, ${to}] vs ${t}`).toBeGreaterThanOrEqual(p);
        }
        expect(m.range(symbol, to, from)).toEqual(r);
        const wider = m.range(symbol, from - HOUR, to + HOUR);
        expect(wider.low).toBeLessThanOrEqual(r.low);
        expect(wider.high).toBeGreaterThanOrEqual(r.high);
        const p = m.price(symbol, from);
        expect(m.range(symbol, from, from)).toEqual({ low: p, high: p });
      }), { numRuns: RUNS });
    },
  },

  ends: {
    title: "holds the first recorded price before the series and the last after it, flat in range() and candles",
    run: ({ source, case: c }) => {
      const m = source();
      for (const { symbol } of m.coins()) {
        const { first, last } = c.ends!(m, symbol);
        const [p0, p1] = [m.price(symbol, first), m.price(symbol, last)];
        for (const t of [first - 1, first - HOUR, first - 30 * DAY]) expect(m.price(symbol, t), `${symbol} before its series`).toBe(p0);
        for (const t of [last + 1, last + HOUR, last + 365 * DAY]) expect(m.price(symbol, t), `${symbol} after its series`).toBe(p1);
        expect(m.range(symbol, first - 30 * DAY, first)).toEqual({ low: p0, high: p0 });
        expect(m.range(symbol, last, last + 30 * DAY)).toEqual({ low: p1, high: p1 });
        for (const k of m.candles(symbol, '1h', 3, last + 10 * DAY)) expect([k.open, k.high, k.low, k.close]).toEqual([p1, p1, p1, p1]);
      }
    },
  },
} satisfies Partial<Record<InvariantName, Invariant>>;
