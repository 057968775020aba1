// Invariants of the MarketSource contract: the coin table, errors that say how to fix the call,
// determinism (equal seeds, equal answers, in any query order) and staleness reporting.
import { expect } from 'vitest';
import { isEngineError } from '../../../src/mock/engine/errors.js';
import { MAX_CANDLES, MAX_DEPTH } from '../../../src/mock/engine/market/index.js';
import { DAY } from '../../../src/mock/engine/market/grid.js';
import type { EpochMs, MarketSource } from '../../../src/mock/engine/types.js';
import type { Freshness, Invariant, InvariantName } from './types.js';

/** Everything a source serves for its coins at these instants, in the given order of queries. */
function answers(m: MarketSource, times: readonly EpochMs[]): unknown[] {
  return m.coins().flatMap(({ symbol }) => times.map((t) => ({
    symbol, t, price: m.price(symbol, t), ticker: m.ticker(symbol, t), candles: m.candles(symbol, '15m', 20, t),
    book: m.book(symbol, 10, t), range: m.range(symbol, t - DAY, t),
  })));
}

const key = (x: unknown): string => { const a = x as { symbol: string; t: number }; return `${a.symbol}@${a.t}`; };

export const contractInvariants = {
  coins: {
    title: 'coins(): unique ids and upper-case tickers with sane specs; coin() finds each by id or ticker in any case',
    run: ({ source }) => {
      const m = source();
      const coins = m.coins();
      expect(coins.length).toBeGreaterThan(0);
      expect(new Set(coins.map((c) => c.id)).size).toBe(coins.length);
      expect(new Set(coins.map((c) => c.symbol)).size).toBe(coins.length);
      for (const c of coins) {
        expect(c.symbol).toBe(c.symbol.toUpperCase());
        for (const x of [c.tickSize, c.lotSize, c.supply, c.baseVolume24h, c.startPrice, c.volatility]) expect(x, c.id).toBeGreaterThan(0);
        expect(c.minQuantity).toBeGreaterThanOrEqual(c.lotSize);
        for (const name of [c.id, c.symbol, c.id.toUpperCase(), c.symbol.toLowerCase()]) expect(m.coin(name), name).toEqual(c);
      }
      expect(m.coin('no-such-coin')).toBeUndefined();
    },
  },

  errors: {
    title: 'rejects an unknown coin (unknown_symbol), a bad depth, limit, interval or time, naming what is valid',
    run: ({ source, case: c }) => {
      const m = source();
      const t = c.span.to;
      const symbol = m.coins()[0]!.symbol;
      for (const call of [() => m.price('NOPE', t), () => m.ticker('NOPE', t), () => m.candles('NOPE', '1h', 5, t), () => m.book('NOPE', 5, t), () => m.range('NOPE', t - DAY, t)]) {
        expect(call).toThrow(/Unknown coin "NOPE"/);
        try {
          call();
        } catch (e) {
          expect(isEngineError(e) && e.code).toBe('unknown_symbol');
        }
      }
      for (const depth of [0, MAX_DEPTH + 1, 1.5]) expect(() => m.book(symbol, depth, t)).toThrow(/depth must be an integer in 1\.\.100/);
      for (const limit of [0, MAX_CANDLES + 1]) expect(() => m.candles(symbol, '1h', limit, t)).toThrow(/limit must be an integer in 1\.\.1000/);
      expect(() => m.candles(symbol, '2h' as never, 5, t)).toThrow(/Unknown candle interval "2h" \(use 1m, /);
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => m.price(symbol, bad)).toThrow(/must be a finite epoch-ms number/);
        expect(() => m.range(symbol, bad, t)).toThrow(/must be a finite epoch-ms number/);
      }
    },
  },

  determinism: {
    title: 'equal seeds give equal answers whatever the order of the queries; another seed gives other books',
    run: async ({ fresh, case: c }) => {
      const [a, b, other] = [await fresh(7), await fresh(7), await fresh(8)];
      const times = Array.from({ length: 8 }, (_, i) => Math.round(c.span.from + ((c.span.to - c.span.from) * (i + 0.5)) / 8));
      const forward = answers(a, times);
      const backward = answers(b, [...times].reverse()); // a cache would show as a difference here
      expect(new Map(backward.map((x) => [key(x), x]))).toEqual(new Map(forward.map((x) => [key(x), x])));
      const t = times[5]!;
      expect(a.coins().some(({ symbol }) => JSON.stringify(a.book(symbol, 10, t)) !== JSON.stringify(other.book(symbol, 10, t)))).toBe(true);
    },
  },

  staleness: {
    title: 'reports staleness: fresh after a good refresh, stale after a failed one while it serves the last good data',
    run: async ({ fresh, case: c }) => {
      const m = (await fresh()) as MarketSource & Partial<Freshness>;
      if (!m.isStale || !m.lastGoodAt) throw new Error(`${c.name}: goStale is given, so the source must have isStale() and lastGoodAt()`);
      const source = m as MarketSource & Freshness;
      expect(source.isStale()).toBe(false);
      const good = source.lastGoodAt();
      expect(good).toBeDefined();
      const t = c.span.to;
      const before = answers(source, [t]);
      await c.goStale!(source);
      expect(source.isStale()).toBe(true);
      expect(source.lastGoodAt()).toBe(good);
      expect(answers(source, [t])).toEqual(before);
    },
  },
} satisfies Partial<Record<InvariantName, Invariant>>;
