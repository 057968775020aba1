// The seeded market model: a pure function of (seed, coin list, t). Prices are the hierarchical
// random path of path.ts, interpolated between minute grid points and rounded to the tick.
import type { Candle, CandleInterval, CoinSpec, EpochMs, MarketSource, OrderBookSnapshot, Ticker } from '../types.js';
import { hash32 } from '../random.js';
import { buildBook } from './book.js';
import { candleWindows, checkDepth, checkTime } from './candles.js';
import { DEFAULT_COINS, UnknownCoinError, createCoinIndex } from './coins.js';
import { createDayWindows } from './day-window.js';
import { assembleTicker, roundToStep } from './grid.js';
import { PricePath } from './path.js';
import { quietUntil } from './quiet.js';
import { rawPrice, scan } from './scan.js';

export interface ModelMarketOptions {
  seed: number | string;
  /** Defaults to DEFAULT_COINS (at most 64). */
  coins?: readonly CoinSpec[];
}

/** A MarketSource that can also lay its synthetic book around an arbitrary mid (used by overrides). */
export interface ModelMarket extends MarketSource {
  bookAt(symbol: string, depth: number, t: EpochMs, mid: number): OrderBookSnapshot;
}

export function createModelMarket(options: ModelMarketOptions): ModelMarket {
  const coins = Object.freeze([...(options.coins ?? DEFAULT_COINS)]);
  const lookup = createCoinIndex(coins);
  const path = new PricePath(options.seed, coins);
  const bookKeys = coins.map((c) => hash32('book', options.seed, c.id));
  const dayWindow = createDayWindows(path);

  const resolve = (symbol: string, t: EpochMs): { coin: CoinSpec; index: number } => {
    const hit = lookup(symbol);
    if (!hit) throw new UnknownCoinError(symbol);
    checkTime(t);
    return hit;
  };
  const price = (symbol: string, t: EpochMs): number => {
    const { coin, index } = resolve(symbol, t);
    return roundToStep(rawPrice(path, index, t), coin.tickSize);
  };

  return {
    coins: () => coins,
    coin: (symbolOrId) => lookup(symbolOrId)?.coin,
    price,
    revision: () => 0, // a pure function of (seed, coin, t): nothing to invalidate

    range(symbol, from, to) {
      checkTime(from, 'from');
      const { coin, index } = resolve(symbol, to);
      // Order-insensitive: a caller whose clock was rewound may pass (later, earlier).
      const s = from <= to ? scan(path, index, from, to) : scan(path, index, to, from);
      // Rounding is monotone, so rounding the raw extremes equals the extremes of rounded prices.
      return { low: roundToStep(s.min, coin.tickSize), high: roundToStep(s.max, coin.tickSize) };
    },

    quietUntil(symbol, from, to, below, above) {
      checkTime(from, 'from');
      const { coin, index } = resolve(symbol, to);
      return quietUntil(path, index, coin.tickSize, from, to, below, above);
    },

    ticker(symbol, t): Ticker {
      const { coin, index } = resolve(symbol, t);
      const w = dayWindow(index, t);
      const tick = coin.tickSize;
      const range = { low: roundToStep(w.min, tick), high: roundToStep(w.max, tick) };
      return assembleTicker(coin, t, roundToStep(w.close, tick), roundToStep(w.open, tick), range, Math.max(0, w.volUsd));
    },

    candles(symbol, interval: CandleInterval, limit, t): Candle[] {
      const { coin, index } = resolve(symbol, t);
      const tick = coin.tickSize;
      return candleWindows(interval, limit, t).map(({ openTime, closeTime, end }) => {
        const s = scan(path, index, openTime, end); // includes both end points
        return {
          openTime,
          closeTime,
          open: roundToStep(rawPrice(path, index, openTime), tick),
          high: roundToStep(s.max, tick),
          low: roundToStep(s.min, tick),
          close: roundToStep(rawPrice(path, index, end), tick),
          // Base-asset volume (coins), on the lot grid and at least one lot.
          volume: roundToStep(Math.max(0, s.volCoin), coin.lotSize),
        };
      });
    },

    book(symbol, depth, t) {
      const { coin, index } = resolve(symbol, t);
      checkDepth(depth);
      return buildBook(coin, price(symbol, t), depth, t, bookKeys[index]!);
    },

    bookAt(symbol, depth, t, mid) {
      const { coin, index } = resolve(symbol, t);
      checkDepth(depth);
      if (!(mid > 0) || !Number.isFinite(mid)) throw new RangeError(`mid must be a positive number, got ${mid}`);
      return buildBook(coin, roundToStep(mid, coin.tickSize), depth, t, bookKeys[index]!);
    },
  };
}
