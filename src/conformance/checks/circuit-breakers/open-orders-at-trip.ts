// What the daily-loss breaker does to open orders when it trips (spec, POST /orders;
// requirement breakers.daily-loss.rejects-open): a resting buy that adds risk is rejected with
// rejectReason circuit_breaker, while resting sells that together close exactly the position held
// stay open. Placed before the loss, judged after it (the trip needs the control API's price move).
import type { TestAgent } from '../../agent-pool.js';
import type { CheckContext } from '../../check-context.js';
import { expectStatus } from '../expect.js';
import { priceAt, type Coin } from './breaker-helpers.js';

export interface RestingAtTrip {
  buy: string;
  /** A buy canceled before the trip: it stays canceled. */
  canceled: string;
  sells: string[];
  /** A higher price for a sell: re-pricing it keeps it reducing only. */
  higher: number;
  /** What the orders are, for messages. */
  described: string;
}

const lotsOf = (coin: Coin, n: number): number => Number((n * coin.lotSize).toFixed(coin.lotSize >= 1 ? 0 : Math.ceil(-Math.log10(coin.lotSize) - 1e-9)));

/** A limit buy far below the market, and two limit sells far above that together are the whole position. */
export async function placeBeforeTrip(ctx: CheckContext, agent: TestAgent, coin: Coin, held: number): Promise<RestingAtTrip> {
  const n = Math.round(held / coin.lotSize);
  const first = lotsOf(coin, Math.floor(n / 2));
  const second = lotsOf(coin, n - Math.floor(n / 2));
  const place = async (side: 'buy' | 'sell', quantity: number, price: number): Promise<string> => {
    const res = await agent.client.send<{ order?: { orderId?: string } }>('POST', '/orders', { body: { symbol: coin.symbol, side, type: 'limit', quantity, price } });
    expectStatus(ctx, res, 201, `Set-up: a resting limit ${side} of ${quantity} ${coin.symbol} at ${price}`);
    return res.json?.order?.orderId ?? '';
  };
  const low = priceAt(coin, 0.5);
  const high = priceAt(coin, 3);
  const canceled = await place('buy', coin.lotSize, low);
  await agent.client.cancelOrder(canceled);
  const buy = await place('buy', coin.lotSize, low);
  const sells = [await place('sell', first, high), await place('sell', second, high)];
  return { buy, canceled, sells, higher: priceAt(coin, 3.5), described: `a resting buy of ${coin.lotSize} ${coin.symbol} at ${low}, and resting sells of ${first} and ${second} at ${high} (together the ${held} held)` };
}

/** After the trip: the buy rejected (circuit_breaker), both sells still open. */
export async function expectJudgedAtTrip(ctx: CheckContext, agent: TestAgent, resting: RestingAtTrip): Promise<void> {
  const read = async (id: string): Promise<{ status?: string; rejectReason?: string | null }> => {
    const res = await agent.client.send<{ order?: { status?: string; rejectReason?: string | null } }>('GET', `/orders/${encodeURIComponent(id)}`);
    expectStatus(ctx, res, 200, `GET /orders/${id}`);
    return res.json?.order ?? {};
  };
  ctx.reproduceNote = `the agent had ${resting.described} when the daily-loss breaker tripped`;
  const buy = await read(resting.buy);
  if (buy.status !== 'rejected' || buy.rejectReason !== 'circuit_breaker') {
    ctx.fail('A resting buy that adds risk was not rejected when the daily-loss breaker tripped', 'status rejected, rejectReason circuit_breaker', `status ${String(buy.status)}, rejectReason ${JSON.stringify(buy.rejectReason)}`);
  }
  const before = await read(resting.canceled);
  if (before.status !== 'canceled') {
    ctx.fail('An order canceled before the daily-loss breaker tripped changed its status at the trip: only open orders are judged', 'status canceled', `status ${String(before.status)}, rejectReason ${JSON.stringify(before.rejectReason)}`);
  }
  for (const id of resting.sells) {
    const sell = await read(id);
    if (sell.status !== 'open') {
      ctx.fail('A resting sell that only reduces the position was not left open when the daily-loss breaker tripped (the two sells together are exactly the position)', 'status open', `status ${String(sell.status)}, rejectReason ${JSON.stringify(sell.rejectReason)}`);
    }
  }
  // Orders that only reduce a position always pass the breakers: re-pricing one of the sells (still
  // together exactly the position) is allowed while the breaker is tripped.
  const [first] = resting.sells;
  ctx.reproduceNote = `the agent had ${resting.described} when the daily-loss breaker tripped; PATCH of the first sell's price to ${resting.higher}`;
  const repriced = await agent.client.send('PATCH', `/orders/${encodeURIComponent(first ?? '')}`, { body: { price: resting.higher } });
  if (repriced.status !== 200) {
    ctx.fail(`The server refused to re-price a resting sell that only reduces the position (with the other sell, exactly the position) while the daily-loss breaker is tripped: orders that only reduce a position always pass the breakers`, '200 with the order', `${repriced.status} ${repriced.text.slice(0, 300)}`);
  }
  for (const id of resting.sells) await agent.client.cancelOrder(id);
}
