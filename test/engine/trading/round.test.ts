import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalsOf, floorToGrid, roundMoney, roundTo, snapToGrid } from '../../../src/mock/engine/trading/round.js';

describe('round helpers', () => {
  it('rounds symmetrically and normalises -0', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.5, 0)).toBe(-2);
    expect(Object.is(roundTo(-0.000000001, 8), 0)).toBe(true);
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
  });

  it('counts step decimals', () => {
    expect([decimalsOf(1), decimalsOf(0.01), decimalsOf(0.25), decimalsOf(0.0001), decimalsOf(1e-8), decimalsOf(5)]).toEqual([0, 2, 2, 4, 8, 0]);
  });

  it('snaps to the grid within tolerance only', () => {
    expect(snapToGrid(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(snapToGrid(0.15, 0.1)).toBeNull();
    expect(snapToGrid(1000.3, 0.01)).toBe(1000.3);
    expect(floorToGrid(100.7, 1)).toBe(100);
    expect(floorToGrid(0.29999999999, 0.1)).toBe(0.3);
  });

  it('snapToGrid returns grid multiples for any integer count of steps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(0.01, 0.0001, 0.001, 1, 0.00001), (n, step) => {
        const snapped = snapToGrid(n * step, step);
        expect(snapped).not.toBeNull();
        expect(Math.abs((snapped as number) - n * step)).toBeLessThan(step * 1e-6);
      }),
    );
  });
});
