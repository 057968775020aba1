// Price overrides for the control API, layered over any MarketSource. Each override applies from
// its fromT on, in the order they were made: a pin sets the mid to a constant, a shift multiplies
// whatever the mid is by (1 + percent/100). Between consecutive override times the effective
// price is therefore an affine, non-decreasing map of the base price (a*base + b with a >= 0), so
// extremes map to extremes and range/candles/ticker stay consistent with price().
// clearOverrides() forgets overrides entirely: the history reverts to the base path.
import type { Candle, CoinSpec, EpochMs, MarketSource, OrderBookSnapshot, Ticker, BookLevel } from '../types.js';
import { checkDepth, checkTime } from './candles.js';
import { UnknownCoinError } from './coins.js';
import { DAY, assembleTicker, ceilToStep, floorToStep, roundToStep } from './grid.js';

export type PriceOverride =
  | { kind: 'pin'; price: number; fromT: EpochMs }
  | { kind: 'shift'; percent: number; fromT: EpochMs };

export interface OverridableMarket extends MarketSource {
  /** From fromT on, the mid is `price` (rounded to the tick). */
  pin(symbol: string, price: number, fromT: EpochMs): void;
  /** From fromT on, the mid is multiplied by (1 + percent/100); percent > -100. */
  shift(symbol: string, percent: number, fromT: EpochMs): void;
  /** Removes the overrides of one coin, or of all coins. */
  clearOverrides(symbol?: string): void;
  /** The overrides of a coin, oldest first. */
  overrides(symbol: string): readonly PriceOverride[];
}

/** A base that can lay its book around any mid (the model can); others get a rescaled book. */
interface BookAtMid {
  bookAt(symbol: string, depth: number, t: EpochMs, mid: number): OrderBookSnapshot;
}

interface Affine { a: number; b: number }

export function createOverridableMarket(base: MarketSource & Partial<BookAtMid>): OverridableMarket {
  const byCoin = new Map<string, PriceOverride[]>(); // keyed by coin id
  // Pins, shifts and clears so far. The revision is this plus the base's: both only grow, so the
  // sum changes with either. A base without a revision keeps this layer uncached too.
  let changes = 0;
  const baseRevision = base.revision?.bind(base);

  const coinOf = (symbol: string): CoinSpec => {
    const coin = base.coin(symbol);
    if (!coin) throw new UnknownCoinError(symbol);
    return coin;
  };
  const listOf = (coin: CoinSpec): readonly PriceOverride[] => byCoin.get(coin.id) ?? [];
  const add = (symbol: string, o: PriceOverride): void => {
    const coin = coinOf(symbol);
    checkTime(o.fromT, 'fromT');
    byCoin.set(coin.id, [...listOf(coin), o]);
    changes += 1;
  };
  const mapAt = (list: readonly PriceOverride[], t: EpochMs): Affine => {
    let m: Affine = { a: 1, b: 0 };
    for (const o of list) {
      if (o.fromT > t) continue;
      if (o.kind === 'pin') m = { a: 0, b: o.price };
      else m = { a: m.a * (1 + o.percent / 100), b: m.b * (1 + o.percent / 100) };
    }
    return m;
  };
  const isIdentity = (m: Affine): boolean => m.a === 1 && m.b === 0;
  const apply = (m: Affine, x: number, tick: number): number => (isIdentity(m) ? x : roundToStep(m.a * x + m.b, tick));

  const price = (symbol: string, t: EpochMs): number => {
    const coin = coinOf(symbol);
    return apply(mapAt(listOf(coin), t), base.price(symbol, t), coin.tickSize);
  };

  const range = (symbol: string, from: EpochMs, to: EpochMs): { low: number; high: number } => {
    const coin = coinOf(symbol);
    const list = listOf(coin);
    if (list.length === 0) return base.range(symbol, from, to);
    if (from > to) [from, to] = [to, from];
    // Cut [from, to] where the map changes; within a piece the map is one monotone affine map.
    const cuts = [...new Set(list.map((o) => o.fromT))].filter((c) => c > from && c <= to).sort((x, y) => x - y);
    const starts = [from, ...cuts];
    let low = Infinity;
    let high = -Infinity;
    starts.forEach((start, i) => {
      const next = starts[i + 1];
      const end = next === undefined ? to : Math.max(start, next - 1); // prices have ms resolution
      const m = mapAt(list, start);
      const r = m.a === 0 ? { low: m.b, high: m.b } : base.range(symbol, start, end);
      low = Math.min(low, apply(m, r.low, coin.tickSize));
      high = Math.max(high, apply(m, r.high, coin.tickSize));
    });
    return { low, high };
  };

  // Piece by piece like range(). Under a pin the price is constant; under a shift (a > 0) the
  // limits are mapped back onto the base price, widened by a tick for the second rounding.
  const quietUntil = (symbol: string, from: EpochMs, to: EpochMs, below: number, above: number): EpochMs => {
    const coin = coinOf(symbol);
    const list = listOf(coin);
    if (!base.quietUntil || to <= from) return from;
    if (list.length === 0) return base.quietUntil(symbol, from, to, below, above);
    const cuts = [...new Set(list.map((o) => o.fromT))].filter((c) => c > from && c <= to).sort((x, y) => x - y);
    const starts = [from, ...cuts];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i]!;
      const next = starts[i + 1];
      const end = next === undefined ? to : Math.max(start, next - 1);
      const m = mapAt(list, start);
      const tick = coin.tickSize;
      // A piece of one millisecond (an override at exactly `to`, or two a millisecond apart): the
      // base answers `start` for an empty span whatever the price, so judge its one price here.
      if (start === end) {
        const p = apply(m, base.price(symbol, start), tick);
        if (p > below && p < above) continue;
        return i === 0 ? start : start - 1;
      }
      // A pinned piece serves its price rounded to the tick (apply()): judge that price, not m.b.
      const pinned = roundToStep(m.b, tick);
      const reached =
        m.a === 0 ? (pinned > below && pinned < above ? end : start)
        : isIdentity(m) ? base.quietUntil(symbol, start, end, below, above)
        : base.quietUntil(symbol, start, end, (below + tick - m.b) / m.a, (above - tick - m.b) / m.a);
      // Not quiet through this piece: quiet up to where it stopped, or up to the piece before.
      if (reached < end) return reached > start || i === 0 ? reached : start - 1;
    }
    return to;
  };

  return {
    coins: () => base.coins(),
    coin: (s) => base.coin(s),
    price,
    range,
    quietUntil,

    ticker(symbol, t): Ticker {
      const coin = coinOf(symbol);
      const baseTicker = base.ticker(symbol, t);
      if (listOf(coin).length === 0) return baseTicker;
      return assembleTicker(coin, t, price(symbol, t), price(symbol, t - DAY), range(symbol, t - DAY, t), baseTicker.volume24h);
    },

    candles(symbol, interval, limit, t): Candle[] {
      const coin = coinOf(symbol);
      const list = listOf(coin);
      const candles = base.candles(symbol, interval, limit, t);
      if (list.length === 0) return candles;
      const earliest = Math.min(...list.map((o) => o.fromT));
      return candles.map((c) => {
        const end = Math.min(c.closeTime, t);
        if (end < earliest) return c; // untouched by any override
        const r = range(symbol, c.openTime, end);
        return { ...c, open: price(symbol, c.openTime), high: r.high, low: r.low, close: price(symbol, end) };
      });
    },

    book(symbol, depth, t): OrderBookSnapshot {
      const coin = coinOf(symbol);
      checkDepth(depth);
      const m = mapAt(listOf(coin), t);
      if (isIdentity(m)) return base.book(symbol, depth, t);
      const mid = price(symbol, t);
      if (base.bookAt) return base.bookAt(symbol, depth, t, mid);
      return rescaleBook(base.book(symbol, depth, t), base.price(symbol, t), mid, coin.tickSize);
    },

    pin(symbol, p, fromT) {
      if (!Number.isFinite(p) || p <= 0) throw new RangeError(`pin price must be a positive number, got ${p}`);
      add(symbol, { kind: 'pin', price: roundToStep(p, coinOf(symbol).tickSize), fromT });
    },
    shift(symbol, percent, fromT) {
      if (!Number.isFinite(percent) || percent <= -100) throw new RangeError(`shift percent must be a number > -100, got ${percent}`);
      add(symbol, { kind: 'shift', percent, fromT });
    },
    clearOverrides(symbol) {
      if (symbol === undefined) byCoin.clear();
      else byCoin.delete(coinOf(symbol).id);
      changes += 1;
    },
    overrides: (symbol) => [...listOf(coinOf(symbol))],
    revision: baseRevision && (() => changes + baseRevision()),
  };
}

/** For bases without bookAt: scale the base book onto the new mid, keeping levels strictly monotone. */
function rescaleBook(book: OrderBookSnapshot, baseMid: number, mid: number, tick: number): OrderBookSnapshot {
  const k = mid / baseMid;
  const side = (levels: BookLevel[], dir: -1 | 1): BookLevel[] => {
    const out: BookLevel[] = [];
    let prev = mid; // best bid must end up below the mid, best ask above it
    for (const l of levels) {
      let p = dir < 0 ? floorToStep(l.price * k, tick) : ceilToStep(l.price * k, tick);
      if (dir < 0 ? p >= prev : p <= prev) p = dir < 0 ? floorToStep(prev - tick, tick) : ceilToStep(prev + tick, tick);
      if (p <= 0) break;
      out.push({ price: p, quantity: l.quantity });
      prev = p;
    }
    return out;
  };
  return { ...book, bids: side(book.bids, -1), asks: side(book.asks, 1) };
}
