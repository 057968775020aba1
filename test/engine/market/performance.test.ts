// Generous sanity bounds only: the point is "no replay from the epoch", not a benchmark. Time is
// measured as this process's CPU time, so other jobs sharing the machine don't make it flaky.
import { describe, expect, it } from 'vitest';
import { MODEL_EPOCH, createModelMarket } from '../../../src/mock/engine/market/index.js';
import { createRng } from '../../../src/mock/engine/random.js';
import { cpuMs } from '../../support/cpu-time.js';
import { DAY, T } from './support.js';

describe('performance', () => {
  it('10 000 random price(t) calls over 5 years take well under 2 s', () => {
    const m = createModelMarket({ seed: 'perf' });
    const rng = createRng('times');
    const times = Array.from({ length: 10_000 }, () => MODEL_EPOCH + rng.int(0, 5 * 365 * DAY));
    const ms = cpuMs(() => times.forEach((t) => m.price('BTC', t)));
    console.log(`10k random price(t) over 5 years: ${ms.toFixed(0)} ms CPU`);
    expect(ms).toBeLessThan(2000);
  });

  it('a price decades away costs about the same as one next to the epoch', () => {
    const m = createModelMarket({ seed: 'far' });
    const ms = cpuMs(() => {
      for (let i = 0; i < 200; i++) m.price('ETH', MODEL_EPOCH + 80 * 365 * DAY + i * 3 * DAY);
    });
    expect(ms).toBeLessThan(1000);
  });

  it('long ranges and 1000 daily candles stay fast', () => {
    const m = createModelMarket({ seed: 'long' });
    const range = cpuMs(() => m.range('SOL', T - 365 * DAY, T));
    const candles = cpuMs(() => m.candles('SOL', '1d', 1000, T));
    const again = cpuMs(() => m.candles('SOL', '1d', 1000, T));
    console.log(`range over 1 year: ${range.toFixed(0)} ms CPU; 1000 x 1d candles: ${candles.toFixed(0)} ms cold, ${again.toFixed(0)} ms warm`);
    expect(range).toBeLessThan(2000);
    expect(candles).toBeLessThan(3000);
    expect(again).toBeLessThan(500);
  });
});
