// Shared engine types. The engine is plain TypeScript: no Express, no wall clock, no Math.random.

/** Milliseconds since the Unix epoch, always from an injected Clock. */
export type EpochMs = number;

/** The one source of time for the engine. Implementations: real, fixed, virtual (engine/clock.ts). */
export interface Clock {
  now(): EpochMs;
}

/** A seeded pseudo-random generator (engine/random.ts). next() is uniform in [0, 1). */
export interface Rng {
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** Standard normal deviate. */
  normal(): number;
  /** Where the generator is, so a restarted mock draws the same ids next (createRng has it). */
  save?(): RngState;
  /** Continues from a saved position. */
  restore?(state: RngState): void;
}

/** A seeded generator's position: its four state words and a pending normal deviate. */
export interface RngState {
  words: [number, number, number, number];
  spare: number | null;
}

// Permissions and modes are the spec's (src/rules/permission.ts); re-exported for engine code.
export type { Mode, Permission } from '../../rules/permission.js';

export interface CoinSpec {
  /** CoinGecko-style id, e.g. "bitcoin". */
  id: string;
  /** Upper-case ticker, e.g. "BTC". */
  symbol: string;
  name: string;
  /** Reference price in USD at the model's epoch. */
  startPrice: number;
  /** Annualised volatility, e.g. 0.6 for 60 %. */
  volatility: number;
  /** Price increment in USD. */
  tickSize: number;
  /** Quantity increment in coins. */
  lotSize: number;
  /** Smallest order quantity. */
  minQuantity: number;
  /** Circulating supply, for marketCap. */
  supply: number;
  /** Typical 24 h USD volume, for volume24h. */
  baseVolume24h: number;
}

export interface BookLevel {
  price: number;
  quantity: number;
}

export interface OrderBookSnapshot {
  symbol: string;
  /** Descending by price. */
  bids: BookLevel[];
  /** Ascending by price. */
  asks: BookLevel[];
  timestamp: EpochMs;
}

export interface Ticker {
  id: string;
  symbol: string;
  name: string;
  price: number;
  /** Percent change over the last 24 h. */
  change24h: number;
  volume24h: number;
  high24h: number;
  low24h: number;
  marketCap: number;
  updatedAt: EpochMs;
}

export type CandleInterval = '1m' | '5m' | '15m' | '1h' | '4h' | '1d';

export interface Candle {
  openTime: EpochMs;
  closeTime: EpochMs;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Where prices come from. The default is the seeded model (engine/market/); later sources
 * (CoinGecko, replay) implement the same interface. Every method is a pure function of its
 * arguments and the source's seed/overrides, so equal inputs give equal outputs.
 */
export interface MarketSource {
  coins(): readonly CoinSpec[];
  /** Looks a coin up by ticker ("BTC") or id ("bitcoin"), case-insensitive. */
  coin(symbolOrId: string): CoinSpec | undefined;
  /** Mid price at time t, rounded to the coin's tick. */
  price(symbol: string, t: EpochMs): number;
  ticker(symbol: string, t: EpochMs): Ticker;
  candles(symbol: string, interval: CandleInterval, limit: number, t: EpochMs): Candle[];
  book(symbol: string, depth: number, t: EpochMs): OrderBookSnapshot;
  /** Lowest and highest mid between two times (inclusive), for deciding whether resting limit orders were crossed. */
  range(symbol: string, from: EpochMs, to: EpochMs): { low: number; high: number };
  /**
   * Optional shortcut for settling far clock moves: the latest t in [from, to] such that
   * range(symbol, from, t) surely has low > below and high < above (`from` when not even that is
   * certain). It may answer earlier than the truth, never later. Without it, the engine scans
   * range() one UTC day at a time while orders rest.
   */
  quietUntil?(symbol: string, from: EpochMs, to: EpochMs, below: number, above: number): EpochMs;
  /**
   * What caches of market answers (GET /market's snapshots) key on: a number that changes whenever
   * the same question may get a different answer (new data came in), a constant when every answer
   * is a pure function of the arguments (the seeded model, a replay). A source without it is never
   * cached.
   */
  revision?(): number;
}
