// GET /market, /market/{symbol}/orderbook, /market/{symbol}/candles: from the market source at the
// injected clock's time, so equal seed and time give equal bodies. GET /market, the most common
// call, is answered from kept snapshots (market-snapshot.ts) that are byte-identical to a fresh one.
import type { CoinSpec } from '../../engine/types.js';
import type { MockContext } from '../mock-context.js';
import { HttpProblem } from '../../../rules/problems.js';
import { iso } from '../serialize.js';
import type { Handler } from './handler.js';
import { marketBody } from './market-snapshot.js';

/** Resolves a comma-separated `coins` list (ids or tickers); all coins when absent. */
export function resolveCoins(ctx: MockContext, list: string | undefined): CoinSpec[] {
  if (list === undefined || list === '') return [...ctx.market.coins()];
  const names = list.split(',');
  const unknown = names.filter((n) => !ctx.market.coin(n));
  if (unknown.length > 0) {
    throw new HttpProblem('unknown_symbol', `Unknown coin${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}. Known: ${ctx.market.coins().map((c) => c.id).join(', ')}.`);
  }
  return names.map((n) => ctx.market.coin(n) as CoinSpec);
}

function pathCoin(ctx: MockContext, symbol: string): CoinSpec {
  const coin = ctx.market.coin(symbol);
  if (!coin) {
    throw new HttpProblem('unknown_symbol', `No coin '${symbol}'. Known tickers: ${ctx.market.coins().map((c) => c.symbol).join(', ')}.`, { status: 404 });
  }
  return coin;
}

export const getMarket: Handler<'getMarket'> = (ctx, input) => {
  const { coins } = input.query;
  return { status: 200, body: marketBody(ctx.market, coins, ctx.clock.now(), () => resolveCoins(ctx, coins)) };
};

export const getOrderBook: Handler<'getOrderBook'> = (ctx, input) => {
  const coin = pathCoin(ctx, input.params.symbol);
  const book = ctx.market.book(coin.symbol, input.query.depth, ctx.clock.now());
  return {
    status: 200,
    body: {
      data: {
        symbol: book.symbol,
        bids: book.bids.map((l) => ({ price: l.price, quantity: l.quantity })),
        asks: book.asks.map((l) => ({ price: l.price, quantity: l.quantity })),
        tickSize: coin.tickSize,
        lotSize: coin.lotSize,
        minQuantity: coin.minQuantity,
        timestamp: iso(book.timestamp),
      },
    },
  };
};

export const getCandles: Handler<'getCandles'> = (ctx, input) => {
  const coin = pathCoin(ctx, input.params.symbol);
  const { interval = '1h', limit } = input.query;
  const candles = ctx.market.candles(coin.symbol, interval, limit, ctx.clock.now()).map((c) => ({
    openTime: iso(c.openTime),
    closeTime: iso(c.closeTime),
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
  }));
  return { status: 200, body: { data: { symbol: coin.symbol, interval, candles } } };
};
