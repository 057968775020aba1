// What is particular to replay: the recorded points, log-price interpolation, the seed keying
// only the book. The invariants every source meets (ticker, candles, book, errors, series ends)
// are checked by the shared suite (market-source-suite.test.ts).
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOverridableMarket } from '../../src/mock/engine/market/index.js';
import { DAY, HOUR, MINUTE, roundToStep } from '../../src/mock/engine/market/grid.js';
import { createReplayMarket, loadReplayFile, replaySpan, type ReplayFile } from '../../src/market-sources/index.js';

const SAMPLE = fileURLToPath(new URL('../../fixtures/market/sample-2025-11.json', import.meta.url));
let file: ReplayFile;
beforeAll(async () => {
  file = await loadReplayFile(SAMPLE);
});
const market = () => createReplayMarket({ series: file, seed: 7 });

describe('replay market over the sample fixture', () => {
  it('loads four coins with their specs and span', () => {
    const m = market();
    expect(m.coins().map((c) => c.symbol)).toEqual(['BTC', 'ETH', 'SOL', 'DOGE']);
    expect(m.coin('ethereum')?.symbol).toBe('ETH');
    expect(m.coin('doge')?.id).toBe('dogecoin');
    expect(replaySpan(file)).toEqual({ from: Date.UTC(2025, 10, 1), to: Date.UTC(2025, 10, 5) });
  });

  it('passes exactly through every recorded point', () => {
    const m = market();
    for (const c of file.coins) for (const [t, p] of c.points) expect(m.price(c.symbol, t)).toBe(p);
  });

  it('interpolates linearly in log price between points (the midpoint is the geometric mean)', () => {
    const m = market();
    const c = file.coins[0]!;
    for (let i = 0; i + 1 < c.points.length; i += 5) {
      const [t0, p0] = c.points[i]!;
      const [t1, p1] = c.points[i + 1]!;
      expect(m.price(c.symbol, (t0 + t1) / 2)).toBe(roundToStep(Math.sqrt(p0 * p1), c.tickSize));
      const q = m.price(c.symbol, t0 + 17 * MINUTE);
      expect(q).toBeGreaterThanOrEqual(Math.min(p0, p1));
      expect(q).toBeLessThanOrEqual(Math.max(p0, p1));
    }
  });

  it('holds the first price before the recording and the last price after it', () => {
    const m = market();
    for (const c of file.coins) {
      const first = c.points[0]!;
      const last = c.points[c.points.length - 1]!;
      expect(m.price(c.symbol, first[0] - 30 * DAY)).toBe(first[1]);
      expect(m.price(c.symbol, last[0] + 365 * DAY)).toBe(last[1]);
      expect(m.range(c.symbol, last[0] + DAY, last[0] + 2 * DAY)).toEqual({ low: last[1], high: last[1] });
    }
  });

  const { from, to } = { from: Date.UTC(2025, 10, 1) - 6 * HOUR, to: Date.UTC(2025, 10, 5) + 6 * HOUR };
  const anyTime = fc.integer({ min: from, max: to });
  const anySymbol = fc.constantFrom('BTC', 'ETH', 'SOL', 'DOGE');

  it('range() equals a brute-force scan over a fine grid plus the recorded points', () => {
    const m = market();
    fc.assert(fc.property(anySymbol, anyTime, anyTime, (symbol, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const coin = file.coins.find((c) => c.symbol === symbol)!;
      const times = [lo, hi, ...coin.points.map((p) => p[0]).filter((t) => t > lo && t < hi)];
      for (let t = lo; t < hi; t += 7 * MINUTE + 13) times.push(t);
      const prices = times.map((t) => m.price(symbol, t));
      expect(m.range(symbol, a, b)).toEqual({ low: Math.min(...prices), high: Math.max(...prices) });
    }), { numRuns: 150 });
  });

  it('is deterministic: equal file and seed give equal answers; the seed changes only the book', () => {
    const a = market();
    const b = market();
    const c = createReplayMarket({ series: file, seed: 8 });
    const t = Date.UTC(2025, 10, 2, 13, 37, 11);
    for (const s of ['BTC', 'ETH', 'SOL', 'DOGE']) {
      expect(b.ticker(s, t)).toEqual(a.ticker(s, t));
      expect(b.candles(s, '15m', 50, t)).toEqual(a.candles(s, '15m', 50, t));
      expect(b.book(s, 20, t)).toEqual(a.book(s, 20, t));
      expect(c.candles(s, '1h', 30, t)).toEqual(a.candles(s, '1h', 30, t));
      expect(c.book(s, 20, t)).not.toEqual(a.book(s, 20, t));
    }
  });

  it('works under the override layer (pins lay the book around the pinned mid via bookAt)', () => {
    const m = createOverridableMarket(market());
    const t = Date.UTC(2025, 10, 3);
    m.pin('ETH', 4_000, t);
    expect(m.price('ETH', t + MINUTE)).toBe(4_000);
    const book = m.book('ETH', 5, t + MINUTE);
    expect(book.bids[0]!.price).toBeLessThan(4_000);
    expect(book.asks[0]!.price).toBeGreaterThan(4_000);
  });
});
