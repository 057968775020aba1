import type {
  Candle,
  CandleInterval,
  Clock,
  CoinSpec,
  EpochMs,
  MarketSource,
  OrderBookSnapshot,
  Ticker,
} from '../../../src/mock/engine/types.js';

/** Book shape around the mid: `levels` levels per side, `halfSpread` from mid to best, `step` apart. */
export interface BookShape {
  levels: number;
  levelQty: number;
  halfSpread: number;
  step: number;
}

const coin = (symbol: string, id: string, startPrice: number, tickSize: number, lotSize: number, minQuantity: number): CoinSpec => ({
  id,
  symbol,
  name: id,
  startPrice,
  volatility: 0.6,
  tickSize,
  lotSize,
  minQuantity,
  supply: 1e7,
  baseVolume24h: 1e9,
});

export const FAKE_COINS: readonly CoinSpec[] = [
  coin('BTC', 'bitcoin', 50_000, 0.01, 0.0001, 0.0001),
  coin('ETH', 'ethereum', 3_000, 0.01, 0.001, 0.001),
  coin('DOGE', 'dogecoin', 0.1, 0.00001, 1, 10),
];

const DEFAULT_SHAPES: Record<string, BookShape> = {
  BTC: { levels: 5, levelQty: 1, halfSpread: 5, step: 10 },
  ETH: { levels: 5, levelQty: 10, halfSpread: 0.5, step: 1 },
  DOGE: { levels: 5, levelQty: 100_000, halfSpread: 0.0001, step: 0.0001 },
};

const round = (x: number, step: number) => Math.round(x / step) * step;
const fix = (x: number, step: number) => Number(round(x, step).toFixed(12));

/**
 * A hand-driven market: prices are a step function of recorded points (set(symbol, price) records
 * at the clock's now), the book is a fixed ladder around the current price, and range() is the
 * min/max over the recorded points in the window.
 */
export class FakeMarket implements MarketSource {
  private readonly points = new Map<string, Array<{ t: EpochMs; price: number }>>();
  // Books are rebuilt only when the price, time or shape changes (keeps benchmarks about the engine).
  private readonly bookCache = new Map<string, { t: EpochMs; depth: number; version: number; shape: BookShape; book: OrderBookSnapshot }>();
  private version = 0;
  readonly shapes: Record<string, BookShape> = structuredClone(DEFAULT_SHAPES);

  constructor(private readonly clock: Clock) {
    for (const c of FAKE_COINS) this.points.set(c.symbol, [{ t: -Infinity, price: c.startPrice }]);
  }

  /** Records `price` from `at` (default: now) onwards. */
  set(symbol: string, price: number, at: EpochMs = this.clock.now()): void {
    const list = this.points.get(symbol);
    if (!list) throw new Error(`no coin ${symbol}`);
    list.push({ t: at, price });
    this.version++;
    list.sort((a, b) => a.t - b.t);
  }

  coins(): readonly CoinSpec[] {
    return FAKE_COINS;
  }
  coin(symbolOrId: string): CoinSpec | undefined {
    const k = symbolOrId.toLowerCase();
    return FAKE_COINS.find((c) => c.symbol.toLowerCase() === k || c.id === k);
  }
  price(symbol: string, t: EpochMs): number {
    const list = this.points.get(symbol) ?? [];
    let p = list[0]?.price ?? NaN;
    for (const pt of list) if (pt.t <= t) p = pt.price;
    return p;
  }
  range(symbol: string, from: EpochMs, to: EpochMs): { low: number; high: number } {
    let low = this.price(symbol, from);
    let high = low;
    for (const pt of this.points.get(symbol) ?? []) {
      if (pt.t > from && pt.t <= to) {
        low = Math.min(low, pt.price);
        high = Math.max(high, pt.price);
      }
    }
    return { low, high };
  }
  book(symbol: string, depth: number, t: EpochMs): OrderBookSnapshot {
    const spec = this.coin(symbol);
    const shape = this.shapes[symbol];
    if (!spec || !shape) throw new Error(`no coin ${symbol}`);
    const cached = this.bookCache.get(symbol);
    if (cached && cached.t === t && cached.depth === depth && cached.version === this.version && cached.shape === shape) {
      return structuredCloneBook(cached.book);
    }
    const mid = this.price(symbol, t);
    const n = Math.min(depth, shape.levels);
    const bids = [];
    const asks = [];
    for (let i = 0; i < n; i++) {
      asks.push({ price: fix(mid + shape.halfSpread + i * shape.step, spec.tickSize), quantity: shape.levelQty });
      const bid = fix(mid - shape.halfSpread - i * shape.step, spec.tickSize);
      if (bid > 0) bids.push({ price: bid, quantity: shape.levelQty });
    }
    const book = { symbol, bids, asks, timestamp: t };
    this.bookCache.set(symbol, { t, depth, version: this.version, shape, book });
    return structuredCloneBook(book);
  }
  ticker(symbol: string, t: EpochMs): Ticker {
    const spec = this.coin(symbol);
    const price = this.price(symbol, t);
    return {
      id: spec?.id ?? symbol,
      symbol,
      name: spec?.name ?? symbol,
      price,
      change24h: 0,
      volume24h: 0,
      high24h: price,
      low24h: price,
      marketCap: 0,
      updatedAt: t,
    };
  }
  candles(_symbol: string, _interval: CandleInterval, _limit: number, _t: EpochMs): Candle[] {
    return [];
  }
}

function structuredCloneBook(book: OrderBookSnapshot): OrderBookSnapshot {
  return { ...book, bids: book.bids.map((l) => ({ ...l })), asks: book.asks.map((l) => ({ ...l })) };
}
