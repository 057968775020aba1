// Rounding to a tick or a lot is on every price and quantity the mock serves, so it takes a fast
// way for steps of the form n / 10^d. It must give the very numbers toFixed() gave, bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COINS } from '../../../src/mock/engine/market/index.js';
import { ceilToStep, decimalsOf, floorToStep, roundToStep } from '../../../src/mock/engine/market/grid.js';

// The rounding as it was: units × step printed to the step's decimals and read back.
const viaToFixed = (units: number, step: number): number => Number((units * step).toFixed(decimalsOf(step)));
const reference = {
  round: (x: number, step: number) => viaToFixed(Math.max(1, Math.round(x / step)), step),
  floor: (x: number, step: number) => viaToFixed(Math.floor(x / step + 1e-9), step),
  ceil: (x: number, step: number) => viaToFixed(Math.ceil(x / step - 1e-9), step),
};

const steps = [
  ...new Set(DEFAULT_COINS.flatMap((c) => [c.tickSize, c.lotSize])),
  0.5, 5, 25, 1, 0.25, 1e-8, 0.0001, 0.05, 100,
  0.1 * 3, // 0.30000000000000004: not exactly 3 / 10, so it takes toFixed's way
  1 / 3, // no decimal form at all
];
const anyStep = fc.constantFrom(...steps);
// Prices and quantities of every size, a step's multiples exactly, values next to half a step.
const anyX = (step: number) =>
  fc.oneof(
    fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    fc.double({ min: 0, max: 10, noNaN: true }),
    fc.integer({ min: -1e9, max: 1e9 }).map((n) => n * step),
    fc.integer({ min: -1e7, max: 1e7 }).map((n) => (n + 0.5) * step),
    fc.constantFrom(0, -0, 1e15, 2 ** 53, -1e-12),
  );

describe('rounding to a step', () => {
  it('gives bit for bit what toFixed() gave, for every step of the coin table and others', () => {
    fc.assert(
      fc.property(anyStep.chain((step) => fc.tuple(fc.constant(step), anyX(step))), ([step, x]) => {
        // One expect() per run, not three: 20 000 runs of three were most of this test's time.
        const got = [roundToStep(x, step), floorToStep(x, step), ceilToStep(x, step)];
        const want = [reference.round(x, step), reference.floor(x, step), reference.ceil(x, step)];
        if (!got.every((g, i) => Object.is(g, want[i]))) expect({ x, step, got }).toEqual({ x, step, got: want });
      }),
      { numRuns: 20_000 },
    );
  });

  it('prints tick multiples without binary noise, also past the fast way', () => {
    expect(roundToStep(95_000.01, 0.01)).toBe(95_000.01);
    expect(String(roundToStep(0.1 + 0.2, 0.1))).toBe('0.3');
    expect(String(floorToStep(1e15 + 0.37, 0.01))).toBe(String(reference.floor(1e15 + 0.37, 0.01)));
    expect(Object.is(ceilToStep(0, 0.01), 0)).toBe(true); // not -0
  });
});
