// The shared market-source suite's types: a case (one source and its exemptions) and the
// context every invariant runs in.
import type fc from 'fast-check';
import type { EpochMs, MarketSource } from '../../../src/mock/engine/types.js';

export type InvariantName =
  | 'coins' | 'errors' | 'determinism' | 'staleness'
  | 'prices' | 'range' | 'ends'
  | 'ticker' | 'ticker-from-path' | 'candles' | 'book';

/** What a source that serves refreshed data reports about its freshness (CoinGecko). */
export interface Freshness {
  isStale(): boolean;
  lastGoodAt(): EpochMs | undefined;
}

export interface MarketSourceCase<S extends MarketSource = MarketSource> {
  name: string;
  /** A fresh source, keyed by `seed`; may be async (CoinGecko fills its cache through nock first). */
  create(seed: number): S | Promise<S>;
  /** Instants the properties draw from: where the source has data, plus a margin beyond its ends. */
  span: { from: EpochMs; to: EpochMs };
  /** A recorded source's first and last instants for a coin (ticker); prices hold flat beyond them. */
  ends?(source: S, symbol: string): { first: EpochMs; last: EpochMs };
  /** A source that reports staleness: make its next refresh fail, and run that refresh. */
  goStale?(source: S & Freshness): Promise<void>;
  /** Invariants the source does not promise, each with the reason. */
  skip?: Partial<Record<InvariantName, string>>;
}

/** What an invariant gets: the case, its shared source, fresh ones, and arbitraries over its data. */
export interface SuiteContext {
  case: MarketSourceCase;
  /** The case's source for seed 42, created once: invariants must not change it. */
  source(): MarketSource;
  fresh(seed?: number): Promise<MarketSource>;
  anyTime: fc.Arbitrary<EpochMs>;
  anySymbol(): fc.Arbitrary<string>;
}

export interface Invariant {
  title: string;
  run(ctx: SuiteContext): void | Promise<void>;
}

/** Properties draw this many examples: enough to catch a broken invariant, few enough for four sources. */
export const RUNS = 40;
