// The shared market-source suite catches what it claims to: each planted defect (a good source
// with one behaviour broken) fails the invariant that names it. Without this, an invariant that
// could never fail would pass every source.
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../src/mock/engine/market/grid.js';
import type { MarketSource } from '../../src/mock/engine/types.js';
import type { CoinGeckoMarket } from '../../src/market-sources/index.js';
import { coinGeckoCase, modelCase, replayCase } from './suite/cases.js';
import { INVARIANTS, runMarketSourceSuite, suiteContext } from './suite/market-source-suite.js';
import type { InvariantName, MarketSourceCase } from './suite/types.js';

beforeAll(() => nock.disableNetConnect());
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** `good` with some methods replaced; `base` is the unbroken source. */
function planted<S extends MarketSource>(good: MarketSourceCase<S>, change: (base: S) => Partial<S>): MarketSourceCase<S> {
  return {
    ...good,
    create: async (seed) => {
      const base = await good.create(seed);
      return Object.assign(Object.create(base) as S, change(base));
    },
  };
}

let calls = 0;
const defects: [InvariantName, string, MarketSourceCase][] = [
  ['coins', 'coin() matches ids case-sensitively', planted(modelCase, (b) => ({ coin: (s: string) => b.coins().find((c) => c.id === s || c.symbol === s) }))],
  ['errors', 'an unknown coin prices at NaN instead of throwing', planted(modelCase, (b) => ({ price: (s: string, t: number) => (b.coin(s) ? b.price(s, t) : Number.NaN) }))],
  ['determinism', 'books depend on how often they were asked for', planted(modelCase, (b) => ({ book: (s: string, d: number, t: number) => b.book(s, d, t + (calls++ % 2) * HOUR) }))],
  ['prices', 'prices off the tick grid', planted(modelCase, (b) => ({ price: (s: string, t: number) => b.price(s, t) + b.coin(s)!.tickSize / 3 }))],
  ['range', 'range() sees only the end points', planted(modelCase, (b) => ({ range: (s: string, f: number, t: number) => {
    const [p, q] = [b.price(s, f), b.price(s, t)];
    return { low: Math.min(p, q), high: Math.max(p, q) };
  } }))],
  ['ends', 'prices keep drifting after the recording', planted(replayCase, (b) => ({ price: (s: string, t: number) => b.price(s, t - DAY) }))],
  ['ticker', 'high24h and low24h swapped', planted(modelCase, (b) => ({ ticker: (s: string, t: number) => {
    const tk = b.ticker(s, t);
    return { ...tk, high24h: tk.low24h, low24h: tk.high24h };
  } }))],
  ['ticker-from-path', 'change24h against the price a week ago', planted(modelCase, (b) => ({ ticker: (s: string, t: number) => ({ ...b.ticker(s, t), change24h: b.ticker(s, t - 6 * DAY).change24h }) }))],
  ['candles', 'candles close at their open', planted(modelCase, (b) => ({ candles: (...a: Parameters<MarketSource['candles']>) => b.candles(...a).map((k) => ({ ...k, close: k.open })) }))],
  ['book', 'asks listed best last', planted(modelCase, (b) => ({ book: (...a: Parameters<MarketSource['book']>) => {
    const book = b.book(...a);
    return { ...book, asks: [...book.asks].reverse() };
  } }))],
  ['staleness', 'failed refreshes never reported', planted(coinGeckoCase, (): Partial<CoinGeckoMarket> => ({ isStale: () => false }))],
];

describe('the shared market-source suite catches planted defects', () => {
  it('plants one defect per invariant', () => {
    expect(defects.map(([name]) => name).sort()).toEqual(Object.keys(INVARIANTS).sort());
  });

  it('refuses a case that neither supports an invariant nor says why it is exempt', () => {
    const { ends: _ends, goStale: _goStale, skip: _skip, ...bare } = replayCase;
    expect(() => runMarketSourceSuite({ ...bare, skip: {} })).toThrow(/support ends and staleness, or skip it with the reason/);
  });

  it.each(defects)('%s: %s', async (name, _what, broken) => {
    const source = await broken.create(42);
    const ctx = suiteContext(broken, () => source);
    const failure = await Promise.resolve().then(() => INVARIANTS[name].run(ctx)).then(() => undefined, (e: unknown) => e);
    expect(failure, 'the invariant should fail').toBeInstanceOf(Error);
    // An assertion of the invariant failed (fast-check wraps it as the cause), not a crash.
    let cause = failure as Error;
    while (cause.cause instanceof Error) cause = cause.cause;
    expect(cause.name, String(cause)).toBe('AssertionError');
  });
});
