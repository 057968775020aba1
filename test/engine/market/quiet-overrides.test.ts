// quietUntil() through the price-override layer: pins and shifts map the limits, pieces between
// override times are judged one by one, and the answer is never later than range() allows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModelMarket, createOverridableMarket } from '../../../src/mock/engine/market/index.js';
import { roundToStep } from '../../../src/mock/engine/market/grid.js';
import { DAY, HOUR } from './support.js';

const T0 = Date.UTC(2026, 0, 5, 12);
const override = fc.record({
  kind: fc.constantFrom('pin', 'shift'),
  at: fc.integer({ min: -2 * DAY, max: 6 * DAY }),
  factor: fc.double({ min: 0.85, max: 1.15, noNaN: true }),
});

describe('quietUntil over overrides', () => {
  it('is quiet up to its answer, and reaches the end when the limits are far', () => {
    fc.assert(
      fc.property(fc.array(override, { maxLength: 4 }), fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: HOUR, max: 5 * DAY }), fc.double({ min: 0.85, max: 0.99, noNaN: true }), fc.double({ min: 1.01, max: 1.15, noNaN: true }), (overrides, offset, span, down, up) => {
        const market = createOverridableMarket(createModelMarket({ seed: 3 }));
        const tick = market.coin('ETH')!.tickSize;
        const base = market.price('ETH', T0);
        for (const o of overrides) {
          if (o.kind === 'pin') market.pin('ETH', base * o.factor, T0 + o.at);
          else market.shift('ETH', (o.factor - 1) * 100, T0 + o.at);
        }
        const from = T0 + offset;
        const to = from + span;
        const mid = market.price('ETH', from);
        const below = roundToStep(mid * down, tick);
        const above = roundToStep(mid * up, tick);
        const q = market.quietUntil!('ETH', from, to, below, above);
        const quietAt = (t: number) => {
          const r = market.range('ETH', from, t);
          return r.low > below && r.high < above;
        };
        expect(q).toBeGreaterThanOrEqual(from);
        expect(q).toBeLessThanOrEqual(to);
        expect(quietAt(q)).toBe(true);
        // Shifts map the limits back with a tick to spare, so near a limit the answer may be a
        // little early; far from both (no 5-day span moves ETH threefold) it is the end.
        expect(market.quietUntil!('ETH', from, to, roundToStep(mid / 3, tick), roundToStep(mid * 3, tick))).toBe(to);
      }),
      { numRuns: 150 },
    );
  });

  it('judges an override at exactly the end of the span (fast-check seed 225184496)', () => {
    // The last piece then lasts one millisecond; it was taken as quiet without a look at its price.
    const market = createOverridableMarket(createModelMarket({ seed: 3 }));
    const tick = market.coin('ETH')!.tickSize;
    const base = market.price('ETH', T0);
    const from = T0 + 86_399_990;
    const to = T0 + 518_399_974;
    market.pin('ETH', base * 0.85, to);
    const mid = market.price('ETH', from);
    const below = roundToStep(mid * 0.85, tick);
    const above = roundToStep(mid * 1.0259562103899085, tick);
    const q = market.quietUntil!('ETH', from, to, below, above);
    const r = market.range('ETH', from, q);
    expect(r.low > below && r.high < above).toBe(true);
    expect(q).toBeLessThan(to);
  });

  it('a shift after a pin that puts the price, rounded to the tick, on a limit is not quiet there', () => {
    // fast-check's counterexample: the pinned price times 0.85 is 2371.7635 unrounded, above the
    // limit 2371.76, but the market serves 2371.76, on it.
    const market = createOverridableMarket(createModelMarket({ seed: 3 }));
    market.pin('ETH', 2790.31, T0);
    market.shift('ETH', -15, T0 + 1);
    expect(market.price('ETH', T0 + 1)).toBe(2371.76);
    const q = market.quietUntil!('ETH', T0, T0 + HOUR, 2371.76, 2818.21);
    expect(q).toBe(T0);
    const r = market.range('ETH', T0, q);
    expect(r.low > 2371.76 && r.high < 2818.21).toBe(true);
  });

  it('a pin inside the limits is quiet to the end; a pin on a limit is not quiet at all', () => {
    const market = createOverridableMarket(createModelMarket({ seed: 3 }));
    market.pin('BTC', 50_000, T0);
    expect(market.quietUntil!('BTC', T0, T0 + 400 * DAY, 49_999.99, 50_000.01)).toBe(T0 + 400 * DAY);
    expect(market.quietUntil!('BTC', T0, T0 + DAY, 50_000, 60_000)).toBe(T0);
  });
});
