import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COINS, MODEL_EPOCH, UnknownCoinError, createModelMarket } from '../../../src/mock/engine/market/index.js';
import { isEngineError } from '../../../src/mock/engine/errors.js';
import { DAY, HOUR, MINUTE, T, coin, market, onGrid } from './support.js';

const FIVE_YEARS = 5 * 365 * DAY;
const anyTime = fc.integer({ min: MODEL_EPOCH - FIVE_YEARS, max: MODEL_EPOCH + FIVE_YEARS });
const anySymbol = fc.constantFrom(...DEFAULT_COINS.map((c) => c.symbol));

describe('coins', () => {
  it('lists at least 12 coins with sane specs, looked up by id or symbol in any case', () => {
    const coins = market.coins();
    expect(coins.length).toBeGreaterThanOrEqual(12);
    for (const c of coins) {
      expect(c.startPrice).toBeGreaterThan(0);
      expect(c.volatility).toBeGreaterThan(0.2);
      expect(c.volatility).toBeLessThan(1.5);
      expect(onGrid(c.startPrice, c.tickSize)).toBe(true);
      expect(c.minQuantity).toBeGreaterThanOrEqual(c.lotSize);
      expect(market.coin(c.id)).toBe(c);
      expect(market.coin(c.symbol.toLowerCase())).toBe(c);
      expect(market.coin(c.id.toUpperCase())).toBe(c);
    }
    expect(coin('BTC')).toMatchObject({ id: 'bitcoin', tickSize: 0.01, lotSize: 0.00001 });
    expect(market.coin('nope')).toBeUndefined();
  });

  it('unknown symbols throw an engine error (unknown_symbol)', () => {
    expect(() => market.price('NOPE', T)).toThrow(UnknownCoinError);
    try {
      market.ticker('NOPE', T);
    } catch (e) {
      expect(isEngineError(e) && e.code === 'unknown_symbol').toBe(true);
    }
  });
});

describe('price path', () => {
  it('is the start price at the epoch', () => {
    for (const c of market.coins()) expect(market.price(c.symbol, MODEL_EPOCH)).toBe(c.startPrice);
  });

  it('is deterministic: same seed and time give equal JSON bytes; another seed differs', () => {
    const a = createModelMarket({ seed: 7 });
    const b = createModelMarket({ seed: 7 });
    const c = createModelMarket({ seed: 8 });
    const snapshot = (m: typeof a) =>
      JSON.stringify(m.coins().map((x) => [m.ticker(x.symbol, T), m.candles(x.symbol, '15m', 20, T), m.book(x.symbol, 10, T), m.range(x.symbol, T - DAY, T)]));
    expect(snapshot(a)).toBe(snapshot(b));
    expect(a.ticker('ETH', T)).toEqual(b.ticker('ETH', T));
    const differing = market.coins().filter((x) => a.price(x.symbol, T) !== c.price(x.symbol, T));
    expect(differing.length).toBe(market.coins().length);
    expect(createModelMarket({ seed: '7' }).price('BTC', T)).toBe(a.price('BTC', T)); // "7" and 7 seed alike
  });

  it('does not depend on query order (caches are invisible)', () => {
    const times = Array.from({ length: 50 }, (_, i) => T - i * 7_777_777);
    const fwd = createModelMarket({ seed: 3 });
    const rev = createModelMarket({ seed: 3 });
    const a = times.map((t) => fwd.price('SOL', t));
    const b = [...times].reverse().map((t) => rev.price('SOL', t)).reverse();
    expect(a).toEqual(b);
  });

  it('prices are positive, on the tick grid, and realistic for years either side', () => {
    fc.assert(
      fc.property(anySymbol, anyTime, (symbol, t) => {
        const c = coin(symbol);
        const p = market.price(symbol, t);
        expect(p).toBeGreaterThan(0);
        expect(onGrid(p, c.tickSize)).toBe(true);
        expect(p).toBeGreaterThan(c.startPrice / 30);
        expect(p).toBeLessThan(c.startPrice * 30);
      }),
      { numRuns: 500 },
    );
  });

  it('is continuous: interpolated between minute grid points', () => {
    const g = Math.floor(T / MINUTE) * MINUTE;
    const [a, b] = [market.price('BTC', g), market.price('BTC', g + MINUTE)];
    const mid = market.price('BTC', g + MINUTE / 2);
    expect(mid).toBeCloseTo((a + b) / 2, 1);
    expect(Math.abs(market.price('BTC', g + 1) - a)).toBeLessThan(1);
  });

  it('has roughly the coin volatility at minute and day scale', () => {
    const sd = (xs: number[]) => {
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
    };
    const c = coin('ETH');
    const minute = Array.from({ length: 5000 }, (_, i) => Math.log(market.price('ETH', T + (i + 1) * MINUTE) / market.price('ETH', T + i * MINUTE)));
    const daily = Array.from({ length: 400 }, (_, i) => Math.log(market.price('ETH', T + (i + 1) * DAY) / market.price('ETH', T + i * DAY)));
    expect(sd(minute) * Math.sqrt(365 * 1440)).toBeGreaterThan(c.volatility * 0.7);
    expect(sd(minute) * Math.sqrt(365 * 1440)).toBeLessThan(c.volatility * 1.4);
    expect(sd(daily) * Math.sqrt(365)).toBeGreaterThan(c.volatility * 0.7);
    expect(sd(daily) * Math.sqrt(365)).toBeLessThan(c.volatility * 1.4);
  });
});

describe('ticker', () => {
  it('low24h <= price <= high24h, change24h agrees with price(t - 24h), marketCap = price x supply', () => {
    fc.assert(
      fc.property(anySymbol, anyTime, (symbol, t) => {
        const tk = market.ticker(symbol, t);
        const c = coin(symbol);
        expect(tk).toMatchObject({ id: c.id, symbol: c.symbol, name: c.name, updatedAt: t });
        expect(tk.price).toBe(market.price(symbol, t));
        expect(tk.low24h).toBeLessThanOrEqual(tk.price);
        expect(tk.high24h).toBeGreaterThanOrEqual(tk.price);
        expect(tk.low24h).toBe(market.range(symbol, t - DAY, t).low);
        const before = market.price(symbol, t - DAY);
        expect(tk.low24h).toBeLessThanOrEqual(before);
        expect(tk.high24h).toBeGreaterThanOrEqual(before);
        expect(Math.abs(tk.change24h - ((tk.price - before) / before) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(onGrid(tk.change24h, 0.01)).toBe(true);
        expect(tk.marketCap).toBe(Math.round(tk.price * c.supply));
        expect(tk.volume24h).toBeGreaterThan(c.baseVolume24h * 0.2);
        expect(tk.volume24h).toBeLessThan(c.baseVolume24h * 5);
      }),
      { numRuns: 200 },
    );
  });

  it('volume24h moves smoothly with t (pro-rata minutes), not in jumps', () => {
    const a = market.ticker('BTC', T).volume24h;
    const b = market.ticker('BTC', T + 1000).volume24h;
    expect(Math.abs(b - a) / a).toBeLessThan(0.001);
  });
});

describe('candles', () => {
  const intervals = { '1m': MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': HOUR, '4h': 4 * HOUR, '1d': DAY } as const;

  it.each(Object.entries(intervals))('%s: contiguous, OHLC-consistent, last one contains t and closes at price(t)', (interval, ms) => {
    fc.assert(
      fc.property(anySymbol, anyTime, fc.integer({ min: 1, max: 60 }), (symbol, t, limit) => {
        const c = coin(symbol);
        const cs = market.candles(symbol, interval as keyof typeof intervals, limit, t);
        expect(cs).toHaveLength(limit);
        cs.forEach((k, i) => {
          expect(k.openTime % ms).toBe(0);
          expect(k.closeTime).toBe(k.openTime + ms - 1);
          if (i > 0) expect(k.openTime).toBe(cs[i - 1]!.closeTime + 1);
          expect(k.low).toBeLessThanOrEqual(Math.min(k.open, k.close));
          expect(k.high).toBeGreaterThanOrEqual(Math.max(k.open, k.close));
          expect(k.volume).toBeGreaterThan(0);
          for (const p of [k.open, k.high, k.low, k.close]) expect(onGrid(p, c.tickSize)).toBe(true);
          expect(onGrid(k.volume, c.lotSize)).toBe(true);
          expect(k.open).toBe(market.price(symbol, k.openTime));
        });
        const last = cs[cs.length - 1]!;
        expect(last.openTime).toBeLessThanOrEqual(t);
        expect(last.closeTime).toBeGreaterThanOrEqual(t);
        expect(last.close).toBe(market.price(symbol, t));
        const prev = cs[cs.length - 2];
        if (prev) expect(prev.close).toBe(market.price(symbol, prev.closeTime));
      }),
      { numRuns: 25 },
    );
  });

  it('a 1h candle agrees with its 1m candles (extremes exactly, volume to 1e-4)', () => {
    const t = Math.floor(T / HOUR) * HOUR + HOUR - 1; // last ms of an hour: all 60 minutes complete
    const [hour] = market.candles('ETH', '1h', 1, t);
    const minutes = market.candles('ETH', '1m', 60, t);
    expect(hour!.open).toBe(minutes[0]!.open);
    expect(hour!.close).toBe(minutes[59]!.close);
    expect(hour!.high).toBe(Math.max(...minutes.map((m) => m.high)));
    expect(hour!.low).toBe(Math.min(...minutes.map((m) => m.low)));
    const sum = minutes.reduce((s, m) => s + m.volume, 0);
    // Each window stops at closeTime = next open - 1 ms, so a 1m candle leaves out 1/60000 of its
    // minute's volume; the hour candle leaves out only 1/60000 of its last minute.
    expect(Math.abs(sum - hour!.volume) / hour!.volume).toBeLessThan(1e-4);
  });

  it('1000 daily candles agree with range() and stay fast', () => {
    const cs = market.candles('SOL', '1d', 1000, T);
    expect(cs).toHaveLength(1000);
    for (const k of cs.slice(0, 5).concat(cs.slice(-5))) {
      expect(market.range('SOL', k.openTime, Math.min(k.closeTime, T))).toEqual({ low: k.low, high: k.high });
    }
  });

  it('validates interval and limit', () => {
    expect(() => market.candles('BTC', '2h' as never, 10, T)).toThrow(/Unknown candle interval/);
    expect(() => market.candles('BTC', '1h', 0, T)).toThrow(RangeError);
    expect(() => market.candles('BTC', '1h', 1001, T)).toThrow(RangeError);
    expect(() => market.candles('BTC', '1h', 1.5, T)).toThrow(RangeError);
    expect(market.candles('BTC', '1m', 1000, T)).toHaveLength(1000);
  });
});
