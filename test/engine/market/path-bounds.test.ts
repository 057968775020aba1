// The certain bounds of the price path (path-bounds.ts) hold for every minute they cover, and
// quietUntil() built on them is never later than the truth, at most a minute early, and costs
// month steps (not minutes) far from the limits.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_COINS } from '../../../src/mock/engine/market/coins.js';
import { EPOCH, roundToStep } from '../../../src/mock/engine/market/grid.js';
import { dayBounds, hourBounds, monthBounds } from '../../../src/mock/engine/market/path-bounds.js';
import { PricePath } from '../../../src/mock/engine/market/path.js';
import { quietUntil } from '../../../src/mock/engine/market/quiet.js';
import { DAY, MINUTE, market } from './support.js';

const coinIndex = fc.integer({ min: 0, max: DEFAULT_COINS.length - 1 });
const YEAR_DAYS = 365;

describe('path bounds', () => {
  it('every minute of a day lies within its day bounds, its hour bounds and its month bounds', () => {
    const path = new PricePath(7, DEFAULT_COINS);
    fc.assert(
      fc.property(coinIndex, fc.integer({ min: -200 * YEAR_DAYS, max: 200 * YEAR_DAYS }), (c, d) => {
        const day = dayBounds(path, c, d);
        const month = monthBounds(path, c, Math.floor(d / 32));
        expect(month.lo).toBeLessThanOrEqual(day.lo);
        expect(month.hi).toBeGreaterThanOrEqual(day.hi);
        // Collected, then asserted once: an expect() per price point was most of this test's time.
        const outside: string[] = [];
        for (let h = d * 24; h < d * 24 + 24; h++) {
          const hour = hourBounds(path, c, h);
          const [lo, hi] = [Math.max(day.lo, hour.lo), Math.min(day.hi, hour.hi)];
          for (const p of path.hour(c, h).p) if (!(p >= lo && p <= hi)) outside.push(`hour ${h}: ${p} outside [${lo}, ${hi}]`);
        }
        expect(outside).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});

describe('quietUntil (model market)', () => {
  const symbols = DEFAULT_COINS.map((c) => c.symbol);
  const inside = (symbol: string, from: number, t: number, below: number, above: number): boolean => {
    const r = market.range(symbol, from, t);
    return r.low > below && r.high < above;
  };

  it('is quiet up to its answer, and the next minute is no longer certain', () => {
    fc.assert(
      fc.property(fc.constantFrom(...symbols), fc.integer({ min: EPOCH - 300 * DAY, max: EPOCH + 300 * DAY }), fc.integer({ min: 1, max: 4 * DAY }), fc.double({ min: 0.9, max: 0.999, noNaN: true }), fc.double({ min: 1.001, max: 1.1, noNaN: true }), (symbol, from, span, down, up) => {
        const tick = market.coin(symbol)!.tickSize;
        const mid = market.price(symbol, from);
        const below = roundToStep(mid * down, tick);
        const above = roundToStep(mid * up, tick);
        const to = from + span;
        const q = market.quietUntil!(symbol, from, to, below, above);
        expect(q).toBeGreaterThanOrEqual(from);
        expect(q).toBeLessThanOrEqual(to);
        if (q > from) expect(inside(symbol, from, q, below, above)).toBe(true);
        // Never more than a minute short of the truth: two minutes on, a limit has been reached.
        if (q < to) expect(inside(symbol, from, Math.min(to, q + 2 * MINUTE), below, above)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('far from both limits, a century costs month steps and reads only the minutes of its two ends', () => {
    const path = new PricePath(42, DEFAULT_COINS);
    const hours = vi.spyOn(path, 'hour');
    const days = vi.spyOn(path, 'dayHours');
    const months = vi.spyOn(path, 'monthDays');
    const from = Date.UTC(2026, 0, 5, 12);
    const to = Date.UTC(2126, 0, 5, 12);
    expect(quietUntil(path, 0, 0.01, from, to, 0.01, 1e12)).toBe(to);
    expect(hours).toHaveBeenCalledTimes(2);
    expect(days.mock.calls.length).toBeLessThanOrEqual(48); // the partial first day, hour by hour
    expect(months.mock.calls.length).toBeLessThan(Math.ceil((to - from) / (32 * DAY)) * 33);
  });

  it('answers `from` when the price already sits on a limit, and `to` for an empty span', () => {
    const t = Date.UTC(2026, 0, 5, 12);
    const p = market.price('BTC', t);
    expect(market.quietUntil!('BTC', t, t + DAY, p, Infinity)).toBe(t);
    expect(market.quietUntil!('BTC', t, t, 0, Infinity)).toBe(t);
  });
});
