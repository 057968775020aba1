import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModelMarket, createOverridableMarket } from '../../../src/mock/engine/market/index.js';
import type { MarketSource } from '../../../src/mock/engine/types.js';
import { DAY, HOUR, MINUTE, T, bruteRange, onGrid } from './support.js';

const fresh = () => {
  const base = createModelMarket({ seed: 42 });
  return { base, m: createOverridableMarket(base) };
};

describe('createOverridableMarket', () => {
  it('is transparent without overrides', () => {
    const { base, m } = fresh();
    expect(m.coins()).toBe(base.coins());
    expect(m.coin('eth')).toBe(base.coin('eth'));
    expect(m.price('BTC', T)).toBe(base.price('BTC', T));
    expect(m.ticker('BTC', T)).toEqual(base.ticker('BTC', T));
    expect(m.candles('BTC', '1h', 30, T)).toEqual(base.candles('BTC', '1h', 30, T));
    expect(m.book('BTC', 10, T)).toEqual(base.book('BTC', 10, T));
    expect(m.range('BTC', T - DAY, T)).toEqual(base.range('BTC', T - DAY, T));
  });

  it('pin: constant mid from fromT on, history untouched, book re-centred', () => {
    const { base, m } = fresh();
    const from = T - 2 * HOUR;
    m.pin('bitcoin', 50_000.004, from);
    expect(m.overrides('BTC')).toEqual([{ kind: 'pin', price: 50_000, fromT: from }]);
    expect(m.price('BTC', from)).toBe(50_000);
    expect(m.price('BTC', T)).toBe(50_000);
    expect(m.price('BTC', T + 10 * DAY)).toBe(50_000);
    expect(m.price('BTC', from - 1)).toBe(base.price('BTC', from - 1));
    expect(m.price('ETH', T)).toBe(base.price('ETH', T)); // other coins unaffected
    expect(m.range('BTC', from, T + DAY)).toEqual({ low: 50_000, high: 50_000 });
    const b = m.book('BTC', 20, T);
    expect(b.bids[0]!.price).toBeLessThan(50_000);
    expect(b.asks[0]!.price).toBeGreaterThan(50_000);
    expect(b.asks[0]!.price - b.bids[0]!.price).toBeLessThan(50);
    const tk = m.ticker('BTC', T);
    expect(tk.price).toBe(50_000);
    expect(tk.low24h).toBeLessThanOrEqual(50_000);
    expect(tk.high24h).toBe(Math.max(50_000, base.range('BTC', T - DAY, from - 1).high));
    expect(tk.change24h).toBeCloseTo(((50_000 - base.price('BTC', T - DAY)) / base.price('BTC', T - DAY)) * 100, 2);
    expect(tk.volume24h).toBe(base.ticker('BTC', T).volume24h);
    expect(tk.marketCap).toBe(Math.round(50_000 * base.coin('BTC')!.supply));
  });

  it('shift: multiplies the path from fromT on, on the tick grid', () => {
    const { base, m } = fresh();
    const from = T - HOUR;
    m.shift('ETH', 10, from);
    for (const t of [from, from + 12_345, T, T + DAY]) {
      const p = m.price('ETH', t);
      expect(p).toBeCloseTo(base.price('ETH', t) * 1.1, 1);
      expect(onGrid(p, 0.01)).toBe(true);
    }
    expect(m.price('ETH', from - 1)).toBe(base.price('ETH', from - 1));
    m.shift('ETH', -50, T);
    expect(m.price('ETH', T + MINUTE)).toBeCloseTo(base.price('ETH', T + MINUTE) * 1.1 * 0.5, 1);
    m.pin('ETH', 1234, T + HOUR); // a later pin overrides the shifts
    expect(m.price('ETH', T + 2 * HOUR)).toBe(1234);
    m.shift('ETH', 1, T + 3 * HOUR); // and a later shift scales the pin
    expect(m.price('ETH', T + 4 * HOUR)).toBe(1246.34);
  });

  it('range, candles and ticker stay consistent with price() across override boundaries', () => {
    const { m } = fresh();
    const cuts = [T - 3 * HOUR - 17_000, T - HOUR + 5_000, T - 20 * MINUTE];
    m.shift('SOL', 25, cuts[0]!);
    m.pin('SOL', 150, cuts[1]!);
    m.shift('SOL', -5, cuts[2]!);
    const edges = cuts.flatMap((c) => [c - 1, c]);
    fc.assert(
      fc.property(fc.integer({ min: T - 6 * HOUR, max: T }), fc.integer({ min: 0, max: 6 * HOUR }), (from, span) => {
        expect(m.range('SOL', from, from + span)).toEqual(bruteRange(m, 'SOL', from, from + span, edges));
      }),
      { numRuns: 60 },
    );
    for (const interval of ['1m', '5m', '1h', '4h', '1d'] as const) {
      const cs = m.candles('SOL', interval, 30, T);
      for (const k of cs) {
        const end = Math.min(k.closeTime, T);
        expect(k.open).toBe(m.price('SOL', k.openTime));
        expect(k.close).toBe(m.price('SOL', end));
        expect({ low: k.low, high: k.high }).toEqual(m.range('SOL', k.openTime, end));
        expect(k.low).toBeLessThanOrEqual(Math.min(k.open, k.close));
        expect(k.high).toBeGreaterThanOrEqual(Math.max(k.open, k.close));
      }
    }
    const tk = m.ticker('SOL', T);
    expect(tk.low24h).toBeLessThanOrEqual(tk.price);
    expect(tk.high24h).toBeGreaterThanOrEqual(tk.price);
    expect({ low: tk.low24h, high: tk.high24h }).toEqual(m.range('SOL', T - DAY, T));
  });

  it('clearOverrides restores the base path, per coin or for all', () => {
    const { base, m } = fresh();
    m.pin('BTC', 1, T - HOUR);
    m.shift('ETH', 50, T - HOUR);
    m.clearOverrides('btc');
    expect(m.price('BTC', T)).toBe(base.price('BTC', T));
    expect(m.price('ETH', T)).not.toBe(base.price('ETH', T));
    m.clearOverrides();
    expect(m.price('ETH', T)).toBe(base.price('ETH', T));
    expect(m.overrides('ETH')).toEqual([]);
  });

  it('validates its arguments', () => {
    const { m } = fresh();
    expect(() => m.pin('BTC', 0, T)).toThrow(RangeError);
    expect(() => m.pin('BTC', Number.NaN, T)).toThrow(RangeError);
    expect(() => m.shift('BTC', -100, T)).toThrow(RangeError);
    expect(() => m.shift('BTC', 5, Number.NaN)).toThrow(RangeError);
    expect(() => m.pin('NOPE', 5, T)).toThrow(/Unknown coin/);
  });

  it('a pin near zero keeps the book valid (levels that would go <= 0 are dropped)', () => {
    const { m } = fresh();
    m.pin('ETH', 0.02, T - MINUTE);
    const b = m.book('ETH', 5, T);
    expect(b.bids.every((l) => l.price > 0 && l.price < 0.02)).toBe(true);
    expect(b.asks).toHaveLength(5);
  });

  it('rescales the book of a base without bookAt', () => {
    const model = createModelMarket({ seed: 1 });
    const plain: MarketSource = {
      coins: () => model.coins(),
      coin: (s) => model.coin(s),
      price: (s, t) => model.price(s, t),
      ticker: (s, t) => model.ticker(s, t),
      candles: (s, i, l, t) => model.candles(s, i, l, t),
      book: (s, d, t) => model.book(s, d, t),
      range: (s, a, b) => model.range(s, a, b),
    };
    const m = createOverridableMarket(plain);
    m.shift('LTC', -40, T - MINUTE);
    const mid = m.price('LTC', T);
    const b = m.book('LTC', 30, T);
    expect(b.bids[0]!.price).toBeLessThan(mid);
    expect(b.asks[0]!.price).toBeGreaterThan(mid);
    for (let i = 1; i < b.bids.length; i++) expect(b.bids[i]!.price).toBeLessThan(b.bids[i - 1]!.price);
    for (let i = 1; i < b.asks.length; i++) expect(b.asks[i]!.price).toBeGreaterThan(b.asks[i - 1]!.price);
  });
});
