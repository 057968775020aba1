// What the dashboard's Markets view draws: each coin's price and overrides, and one coin's candles
// and order book at the mock's clock, straight from the market source (no agent, no quota).
import type { CandleInterval, CoinSpec } from '../../engine/types.js';
import type { PriceOverride } from '../../engine/market/overrides.js';
import type { MockContext } from '../mock-context.js';
import { iso } from '../serialize.js';

function overrideView(o: PriceOverride) {
  return o.kind === 'pin' ? { kind: o.kind, price: o.price, from: iso(o.fromT) } : { kind: o.kind, percent: o.percent, from: iso(o.fromT) };
}

export function marketList(ctx: MockContext) {
  const now = ctx.clock.now();
  return {
    data: ctx.market.coins().map((coin) => {
      const t = ctx.market.ticker(coin.symbol, now);
      return {
        symbol: coin.symbol,
        id: coin.id,
        name: coin.name,
        price: t.price,
        change24h: t.change24h,
        overrides: ctx.market.overrides(coin.symbol).map(overrideView),
      };
    }),
  };
}

export function marketDetail(ctx: MockContext, coin: CoinSpec, interval: CandleInterval, limit: number, depth: number) {
  const now = ctx.clock.now();
  const book = ctx.market.book(coin.symbol, depth, now);
  return {
    symbol: coin.symbol,
    name: coin.name,
    price: ctx.market.price(coin.symbol, now),
    at: iso(now),
    interval,
    overrides: ctx.market.overrides(coin.symbol).map(overrideView),
    candles: ctx.market.candles(coin.symbol, interval, limit, now).map((c) => ({
      openTime: iso(c.openTime),
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
      volume: c.volume,
    })),
    book: {
      bids: book.bids.map((l) => ({ price: l.price, quantity: l.quantity })),
      asks: book.asks.map((l) => ({ price: l.price, quantity: l.quantity })),
    },
  };
}
