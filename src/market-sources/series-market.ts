// A MarketSource over recorded series (series.ts). Shared by the replay and the CoinGecko sources
// so both interpolate, round, build candles and lay books identically; only where the series
// come from differs. Books reuse the model's builder (engine/market/book.ts), keyed like the model.
import type { Candle, CandleInterval, CoinSpec, EpochMs, OrderBookSnapshot, Ticker } from '../mock/engine/types.js';
import type { ModelMarket } from '../mock/engine/market/index.js';
import { UnknownCoinError, createCoinIndex } from '../mock/engine/market/coins.js';
import { buildBook } from '../mock/engine/market/book.js';
import { candleWindows, checkDepth, checkTime } from '../mock/engine/market/candles.js';
import { DAY, assembleTicker, roundToStep } from '../mock/engine/market/grid.js';
import { hash32 } from '../mock/engine/random.js';
import { priceAt, rangeOf, volumeAt, type Series } from './series.js';

/** Like the model, a series market can lay its book around any mid (the override layer uses it). */
export type SeriesMarket = ModelMarket;

/** Returns the series of coin `index`; may throw (e.g. "no data yet") and the error reaches the caller. */
export type SeriesLookup = (index: number, coin: CoinSpec) => Series;

export function createSeriesMarket(coins: readonly CoinSpec[], seriesOf: SeriesLookup, seed: number | string): SeriesMarket {
  const frozen = Object.freeze([...coins]);
  const lookup = createCoinIndex(frozen);
  const bookKeys = frozen.map((c) => hash32('book', seed, c.id));

  const resolve = (symbol: string, t: EpochMs): { coin: CoinSpec; index: number; s: Series } => {
    const hit = lookup(symbol);
    if (!hit) throw new UnknownCoinError(symbol);
    checkTime(t);
    return { ...hit, s: seriesOf(hit.index, hit.coin) };
  };
  const tickRange = (coin: CoinSpec, s: Series, a: EpochMs, b: EpochMs): { low: number; high: number } => {
    // Order-insensitive like the model; rounding is monotone, so rounded extremes are extremes of rounded prices.
    const r = a <= b ? rangeOf(s, a, b) : rangeOf(s, b, a);
    return { low: roundToStep(r.min, coin.tickSize), high: roundToStep(r.max, coin.tickSize) };
  };
  const volume24h = (coin: CoinSpec, s: Series, t: EpochMs): number => volumeAt(s, t) ?? coin.baseVolume24h;

  const market: SeriesMarket = {
    coins: () => frozen,
    coin: (symbolOrId) => lookup(symbolOrId)?.coin,
    // Recorded series never change (the CoinGecko source, whose series do, counts its updates).
    revision: () => 0,

    price(symbol, t) {
      const { coin, s } = resolve(symbol, t);
      return roundToStep(priceAt(s, t), coin.tickSize);
    },

    range(symbol, from, to) {
      checkTime(from, 'from');
      const { coin, s } = resolve(symbol, to);
      return tickRange(coin, s, from, to);
    },

    ticker(symbol, t): Ticker {
      const { coin, s } = resolve(symbol, t);
      const price = roundToStep(priceAt(s, t), coin.tickSize);
      const before = roundToStep(priceAt(s, t - DAY), coin.tickSize);
      return assembleTicker(coin, t, price, before, tickRange(coin, s, t - DAY, t), volume24h(coin, s, t));
    },

    candles(symbol, interval: CandleInterval, limit, t): Candle[] {
      const { coin, s } = resolve(symbol, t);
      const tick = coin.tickSize;
      return candleWindows(interval, limit, t).map(({ openTime, closeTime, end }) => {
        const r = tickRange(coin, s, openTime, end); // includes both end points, so low <= open, close <= high
        // Base-asset volume: the window's share of the 24 h USD volume at its midpoint, at that price.
        const mid = (openTime + end) / 2;
        const usd = (volume24h(coin, s, mid) * (end - openTime + 1)) / DAY;
        return {
          openTime,
          closeTime,
          open: roundToStep(priceAt(s, openTime), tick),
          high: r.high,
          low: r.low,
          close: roundToStep(priceAt(s, end), tick),
          volume: roundToStep(usd / priceAt(s, mid), coin.lotSize),
        };
      });
    },

    book(symbol, depth, t): OrderBookSnapshot {
      checkDepth(depth);
      return market.bookAt(symbol, depth, t, market.price(symbol, t));
    },

    bookAt(symbol, depth, t, mid) {
      const hit = lookup(symbol);
      if (!hit) throw new UnknownCoinError(symbol);
      checkTime(t);
      checkDepth(depth);
      if (!(mid > 0) || !Number.isFinite(mid)) throw new RangeError(`mid must be a positive number, got ${mid}`);
      return buildBook(hit.coin, roundToStep(mid, hit.coin.tickSize), depth, t, bookKeys[hit.index]!);
    },
  };
  return market;
}
