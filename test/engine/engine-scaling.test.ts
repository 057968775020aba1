// Scaling guards for the benchmark scenario: 100k resting limit orders in one book. Costs are
// this process's CPU time, not wall time, so other jobs on the machine do not inflate them.
import { describe, expect, it } from 'vitest';
import { SortedList } from '../../src/mock/engine/trading/sorted-list.js';
import { cpuMs } from '../support/cpu-time.js';
import { FakeRng } from './helpers/fake-rng.js';
import { makeHarness } from './helpers/make-engine.js';

describe('scaling', () => {
  it('SortedList inserts use O(log n) comparisons', () => {
    let comparisons = 0;
    const list = new SortedList<number>((a, b) => {
      comparisons++;
      return a - b;
    });
    const rng = new FakeRng(9);
    const perInsert = (n: number) => {
      const before = comparisons;
      for (let i = 0; i < n; i++) list.insert(rng.next());
      return (comparisons - before) / n;
    };
    const early = perInsert(1_000);
    for (let i = 0; i < 98_000; i++) list.insert(rng.next());
    const late = perInsert(1_000);
    expect(list.size).toBe(100_000);
    expect(late).toBeLessThan(early + 2 * Math.log2(100)); // logarithmic, not linear, growth
    expect(late).toBeLessThan(40);
  });

  it('places 100k resting orders in one book with flat per-order cost, then settles them', () => {
    const h = makeHarness({ startingCash: 1e9 });
    const id = h.agent();
    const rng = new FakeRng(5);
    const block = 20_000;
    const times: number[] = [];
    for (let b = 0; b < 5; b++) {
      times.push(cpuMs(() => {
        for (let i = 0; i < block; i++) {
          const price = 40_000 + rng.int(0, 900_000) / 100;
          h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.0001, price });
        }
      }));
      if (process.env.SCALING_DEBUG) console.log(b, times[b]);
    }
    expect(h.engine.stats()).toEqual({ agents: 1, orders: 100_000, restingOrders: 100_000 });
    // Per-order cost must not grow with book size (generous bound against GC and timer noise).
    const first = Math.min(times[0] as number, times[1] as number);
    const last = Math.min(times[3] as number, times[4] as number);
    expect(last).toBeLessThan(first * 3 + 50);

    h.clock.advance(1000);
    h.market.set('BTC', 44_500);
    const settleMs = cpuMs(() => h.engine.settle());
    if (process.env.SCALING_DEBUG) console.log("settle", settleMs);
    const resting = h.engine.stats().restingOrders;
    expect(resting).toBeGreaterThan(40_000);
    expect(resting).toBeLessThan(60_000);
    expect(settleMs).toBeLessThan(10_000);
    const p = h.engine.portfolio(id);
    expect(p.positions[0]?.quantity).toBeCloseTo((100_000 - resting) * 0.0001, 6);
  });
});
