// Which side of the book an order takes, and at which prices: a buy takes the asks and a sell the
// bids, best first, and a limit at exactly the best price takes that level. Exact only while the
// market stands still between reading the book and trading (a server clock that is virtual or
// fixed); on a moving market the check tests what holds whatever the book did (a limit is never
// filled at a worse price) and says the rest was left out.
import type { TestAgent } from '../../agent-pool.js';
import type { Check } from '../../check.js';
import type { CheckContext } from '../../check-context.js';
import { pickCoin, TRADER, type Coin } from '../circuit-breakers/breaker-helpers.js';
import { expectProblem, expectStatus, pass } from '../expect.js';
import { decimalsOf, lots, type CoinInfo } from '../schema/support/market-info.js';

interface Filled {
  status?: string;
  fills?: Array<{ price?: number; quantity?: number }>;
}

const prices = (order: Filled): number[] => (order.fills ?? []).map((f) => f.price ?? Number.NaN);

export const bookWalk: Check = {
  id: 'orders.book-walk',
  title: 'A buy takes the asks and a sell the bids, best first; a limit at exactly the best price takes that level; a partly filled order cannot be cut to what has filled',
  category: 'orders',
  spec: 'POST /orders: "Market orders fill at once against the book … A limit order that crosses the book fills up to its limit price"; OrderBook: bids descending, asks ascending; Fill: price.',
  requirements: ['orders.market.fills', 'orders.limit.crossing', 'orders.modify.above-filled'],
  modes: ['sandbox'],
  needs: { register: true, orders: true, budget: 13 },
  async run(ctx) {
    const agent = await ctx.agent({ fresh: true, permissions: TRADER, budget: 13 });
    const coin = await pickCoin(ctx, agent, ['BTC']);
    const book = await agent.client.orderBook(coin.symbol, 5);
    const ask = book.json?.data.asks[0]?.price;
    const askLevel = book.json?.data.asks[0]?.quantity ?? 0;
    const bid = book.json?.data.bids[0]?.price;
    if (ask === undefined || bid === undefined) return ctx.fail(`Set-up failed: the ${coin.symbol} order book has no bid or no ask`, 'a best bid and a best ask', book.text.slice(0, 300));
    const info: CoinInfo = { symbol: coin.symbol, tickSize: coin.tickSize, lotSize: coin.lotSize, bestBid: bid, bestAsk: ask };
    const frozen = ctx.clock.kind !== 'real';
    const resting: string[] = [];
    const order = async (side: 'buy' | 'sell', type: 'market' | 'limit', price: number | null, what: string, n = 1): Promise<Filled> => {
      const res = await agent.client.send<{ order?: Filled & { orderId?: string } }>('POST', '/orders', { body: { symbol: coin.symbol, side, type, quantity: lots(info, n), ...(price === null ? {} : { price }) } });
      expectStatus(ctx, res, 201, what);
      if (res.json?.order?.status === 'open' && res.json.order.orderId) resting.push(res.json.order.orderId);
      return res.json?.order ?? {};
    };
    ctx.reproduceNote = `the ${coin.symbol} book read just before: best ask ${ask}, best bid ${bid}${frozen ? ' (the server clock stands still)' : ''}`;
    // Market orders first: on a moving market the limits may rest, and the sells need what was bought.
    const bought = await order('buy', 'market', null, 'a market buy of two lots', 2);
    const sold = await order('sell', 'market', null, 'a market sell of one lot (of the two just bought)');
    const buy = await order('buy', 'limit', ask, `a limit buy of one lot at exactly the best ask ${ask}`);
    const atBid = await order('sell', 'limit', bid, `a limit sell of one lot at exactly the best bid ${bid}`);
    for (const id of resting) await agent.client.cancelOrder(id);
    if (prices(buy).some((p) => !(p <= ask)) || prices(atBid).some((p) => !(p >= bid))) {
      ctx.fail(`A limit order filled at a worse price than its limit: the buy at ${ask} filled at ${prices(buy).join(', ') || 'nothing'}, the sell at ${bid} at ${prices(atBid).join(', ') || 'nothing'}`, 'buys at or below their limit, sells at or above it', JSON.stringify({ buy: buy.fills, sell: atBid.fills }).slice(0, 300));
    }
    if (!frozen) {
      return ctx.partial('limit orders at the best prices never filled at a worse price than their limit', 'which side each order took, that a limit at exactly the best price fills, and that a partly filled order cannot be cut to what has filled (it needs a partial fill made on purpose): the market moves between reading the book and trading', 'run against a server whose clock stands still (the mock with --clock virtual:… or fixed:…)');
    }
    expectExact(ctx, coin, buy, ask, `A limit buy at exactly the best ask ${ask}`, 'the best ask level, which is not beyond the limit');
    expectExact(ctx, coin, sold, bid, 'A market sell', `the best bid ${bid} (a sell takes the bids)`);
    expectExact(ctx, coin, bought, ask, 'A market buy', `the best ask ${ask} (a buy takes the asks)`);
    expectExact(ctx, coin, atBid, bid, `A limit sell at exactly the best bid ${bid}`, 'the best bid level, which is not beyond the limit');
    await expectAboveFilled(ctx, agent, coin, ask, askLevel);
    return pass(`with the market standing still, buys filled at the best ask ${ask} and sells at the best bid ${bid}, limits at exactly those prices included; a PATCH of a partly filled order to no more than its filled quantity got 400 invalid_quantity`);
  },
};

function expectExact(ctx: CheckContext, coin: Coin, order: Filled, price: number, what: string, expected: string): void {
  const got = prices(order);
  if (order.status !== 'filled' || got.length === 0 || got.some((p) => Math.abs(p - price) > coin.tickSize / 2)) {
    ctx.fail(`${what} did not fill at ${price} with the market standing still`, `status filled, every fill at ${expected}`, `status ${String(order.status)}, fills at ${got.join(', ') || 'none'}`);
  }
}

/**
 * A limit buy at the best ask for one lot more than that level holds fills the level and rests the
 * lot (the next ask is above the limit): a partly filled order. Its quantity cannot be cut to what
 * has filled, or below: 400 invalid_quantity (PATCH: "The new quantity must exceed what has already filled").
 */
async function expectAboveFilled(ctx: CheckContext, agent: TestAgent, coin: Coin, ask: number, level: number): Promise<void> {
  const lot = (n: number): number => Number((n * coin.lotSize).toFixed(decimalsOf(coin.lotSize)));
  const levelLots = Math.round(level / coin.lotSize);
  const res = await agent.client.send<{ order?: { orderId?: string; status?: string; filledQuantity?: number } }>('POST', '/orders', { body: { symbol: coin.symbol, side: 'buy', type: 'limit', quantity: lot(levelLots + 1), price: ask } });
  expectStatus(ctx, res, 201, `a limit buy at the best ask ${ask} of one lot more (${lot(levelLots + 1)}) than that level holds (${level})`);
  const order = res.json?.order ?? {};
  const filled = order.filledQuantity ?? 0;
  if (order.status !== 'partially_filled' || !(Math.abs(filled - level) <= coin.lotSize / 2)) {
    ctx.fail(`A limit buy at the best ask ${ask} for one lot more than the level holds did not fill the level and rest the lot, with the market standing still`, `status partially_filled, filledQuantity ${level}`, `status ${String(order.status)}, filledQuantity ${String(order.filledQuantity)}`);
  }
  const id = encodeURIComponent(order.orderId ?? '');
  ctx.reproducePrelude = { exchange: res.exchange, id: order.orderId ?? '', field: 'orderId' };
  for (const [quantity, what] of [[lot(levelLots), 'exactly what has filled'], [lot(levelLots - 1), 'less than what has filled']] as const) {
    const cut = await agent.client.send('PATCH', `/orders/${id}`, { body: { quantity } });
    expectProblem(ctx, cut, 400, ['invalid_quantity'], `PATCH of a partly filled order (${filled} of ${lot(levelLots + 1)} filled) to ${quantity}, ${what}`);
  }
  await agent.client.cancelOrder(order.orderId ?? '');
}
