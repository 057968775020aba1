import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COINS, MODEL_EPOCH } from '../../../src/mock/engine/market/index.js';
import { DAY, HOUR, MINUTE, T, bruteRange, market } from './support.js';

const anySymbol = fc.constantFrom(...DEFAULT_COINS.map((c) => c.symbol));

describe('range()', () => {
  it('agrees with a brute-force scan of the minute grid for random spans up to 3 days', () => {
    fc.assert(
      fc.property(
        anySymbol,
        fc.integer({ min: MODEL_EPOCH - 400 * DAY, max: MODEL_EPOCH + 400 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        (symbol, from, span) => {
          expect(market.range(symbol, from, from + span)).toEqual(bruteRange(market, symbol, from, from + span));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('handles grid-aligned, hour-aligned and day-aligned edges exactly', () => {
    const day0 = Math.floor(T / DAY) * DAY;
    const cases: [number, number][] = [
      [day0, day0 + DAY], // a whole UTC day plus the next midnight
      [day0, day0 + DAY - 1],
      [day0 + HOUR, day0 + 2 * HOUR],
      [day0 - 1, day0 + 2 * DAY + 1],
      [day0 + 30_000, day0 + 45_000], // inside one minute: just the two end points
      [day0 + MINUTE, day0 + MINUTE], // a single instant on the grid
    ];
    for (const [a, b] of cases) expect(market.range('ETH', a, b)).toEqual(bruteRange(market, 'ETH', a, b));
  });

  it('brackets every price in the span, contains both end prices, and is order-insensitive', () => {
    fc.assert(
      fc.property(anySymbol, fc.integer({ min: T - 30 * DAY, max: T }), fc.integer({ min: 1, max: 10 * DAY }), fc.double({ min: 0, max: 1, noNaN: true }), (symbol, from, span, f) => {
        const to = from + span;
        const r = market.range(symbol, from, to);
        const inside = market.price(symbol, from + Math.floor(f * span));
        expect(r.low).toBeLessThanOrEqual(inside);
        expect(r.high).toBeGreaterThanOrEqual(inside);
        expect(r.low).toBeLessThanOrEqual(Math.min(market.price(symbol, from), market.price(symbol, to)));
        expect(r.high).toBeGreaterThanOrEqual(Math.max(market.price(symbol, from), market.price(symbol, to)));
        expect(market.range(symbol, to, from)).toEqual(r);
      }),
      { numRuns: 100 },
    );
  });

  it('is monotone in the span: a longer span never has a narrower range', () => {
    const a = market.range('SOL', T - DAY, T);
    const b = market.range('SOL', T - 7 * DAY, T);
    const c = market.range('SOL', T - 365 * DAY, T);
    expect(b.low).toBeLessThanOrEqual(a.low);
    expect(b.high).toBeGreaterThanOrEqual(a.high);
    expect(c.low).toBeLessThanOrEqual(b.low);
    expect(c.high).toBeGreaterThanOrEqual(b.high);
  });

  it('a year-long span equals the extremes of the daily candles covering it', () => {
    const cs = market.candles('LINK', '1d', 366, T);
    const from = cs[0]!.openTime;
    expect(market.range('LINK', from, T)).toEqual({ low: Math.min(...cs.map((k) => k.low)), high: Math.max(...cs.map((k) => k.high)) });
  });
});
