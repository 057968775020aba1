// The model's ticker keeps the minute's part of its 24 h window per coin (day-window.ts). Its
// answers must be bit-identical to the window scanned afresh, whatever order the times come in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COINS, MODEL_EPOCH, createModelMarket } from '../../../src/mock/engine/market/index.js';
import { DAY, MINUTE, assembleTicker, roundToStep } from '../../../src/mock/engine/market/grid.js';
import { PricePath } from '../../../src/mock/engine/market/path.js';
import { rawPrice, scan } from '../../../src/mock/engine/market/scan.js';
import type { Ticker } from '../../../src/mock/engine/types.js';

const SEED = 7;
const YEAR = 365 * DAY;

/** The ticker as it was computed before the minute's part was kept: a fresh scan, every time. */
function freshTicker(path: PricePath, index: number, t: number): Ticker {
  const coin = DEFAULT_COINS[index]!;
  const s = scan(path, index, t - DAY, t, true);
  const range = { low: roundToStep(s.min, coin.tickSize), high: roundToStep(s.max, coin.tickSize) };
  const price = roundToStep(rawPrice(path, index, t), coin.tickSize);
  const before = roundToStep(rawPrice(path, index, t - DAY), coin.tickSize);
  return assembleTicker(coin, t, price, before, range, Math.max(0, s.volUsd));
}

// Times a clock produces: anywhere in ±3 years, a few ms on from the last one, on a minute
// boundary, or a millisecond either side of one.
const step = fc.oneof(
  fc.integer({ min: MODEL_EPOCH - 3 * YEAR, max: MODEL_EPOCH + 3 * YEAR }).map((t) => ({ kind: 'at' as const, t })),
  fc.integer({ min: 0, max: 2_000 }).map((ms) => ({ kind: 'by' as const, ms })),
  fc.integer({ min: -1, max: 1 }).map((ms) => ({ kind: 'edge' as const, ms })),
);

describe('the ticker with the minute part kept', () => {
  it('equals a fresh scan of the window, byte for byte, over random clock walks', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: DEFAULT_COINS.length - 1 }), (steps, index) => {
        const market = createModelMarket({ seed: SEED });
        const path = new PricePath(SEED, DEFAULT_COINS);
        const symbol = DEFAULT_COINS[index]!.symbol;
        let t = MODEL_EPOCH + 12_345;
        for (const s of steps) {
          t = s.kind === 'at' ? s.t : s.kind === 'by' ? t + s.ms : Math.floor(t / MINUTE) * MINUTE + s.ms;
          const kept = market.ticker(symbol, t);
          const fresh = freshTicker(path, index, t);
          expect(JSON.stringify(kept)).toBe(JSON.stringify(fresh));
          expect(kept).toStrictEqual(fresh);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is right for every coin through a whole minute and across its edges', () => {
    const market = createModelMarket({ seed: SEED });
    const path = new PricePath(SEED, DEFAULT_COINS);
    const start = MODEL_EPOCH + 40 * DAY - 3;
    for (let t = start; t < start + MINUTE + 6; t += 997) {
      DEFAULT_COINS.forEach((c, i) => expect(market.ticker(c.symbol, t)).toStrictEqual(freshTicker(path, i, t)));
    }
    for (const t of [start + 3, start + 3 + MINUTE]) {
      DEFAULT_COINS.forEach((c, i) => expect(market.ticker(c.symbol, t)).toStrictEqual(freshTicker(path, i, t)));
    }
  });
});
