// What a PATCH and a sell may spend: a modified buy's own reservation is released before its new
// cost is checked, a crossing limit buy (placed or modified) pays only for what rests after its
// fills, and a sell needs the position (minus the other open sells), not cash. Every order is
// sized far from the boundary a wrong server would draw, on both readings of "the price" a server
// may value an order at (its limit price, or the market): quantities are worth at most 70 % of the
// cash at the market and at the limit price, while the wrong answer is off by 30 % or more.
import type { ApiResponse } from '../../../client/agent-client.js';
import type { TestAgent } from '../../agent-pool.js';
import type { Check } from '../../check.js';
import type { CheckContext } from '../../check-context.js';
import { pickCoin, priceAt, quantityFor, TRADER, type Coin } from '../circuit-breakers/breaker-helpers.js';
import { expectProblem, pass } from '../expect.js';
import { decimalsOf } from '../schema/support/market-info.js';

type OrderAnswer = ApiResponse<{ order?: { orderId?: string; status?: string; filledQuantity?: number } }>;

const accepted = (ctx: CheckContext, res: OrderAnswer, what: string, why: string): string => {
  if (res.status !== 200 && res.status !== 201) ctx.fail(`The server refused ${what}: ${why}`, '200/201 with the order', `${res.status} ${res.text.slice(0, 300)}`);
  return res.json?.order?.orderId ?? '';
};

async function cashAndHeld(ctx: CheckContext, agent: TestAgent, symbol: string): Promise<{ cash: number; held: number }> {
  const res = await agent.client.send<{ data?: { cash?: number; positions?: Array<{ symbol?: string; quantity?: number }> } }>('GET', '/portfolio');
  const cash = res.json?.data?.cash;
  if (res.status !== 200 || typeof cash !== 'number') return ctx.fail('Set-up failed: GET /portfolio gave no cash to size orders from', '200 with data.cash', `${res.status} ${res.text.slice(0, 300)}`);
  return { cash, held: res.json?.data?.positions?.find((p) => p.symbol === symbol)?.quantity ?? 0 };
}

const inLots = (coin: Coin, n: number): number => Number((n * coin.lotSize).toFixed(decimalsOf(coin.lotSize)));

export const modifyFunds: Check = {
  id: 'orders.modify-funds',
  title: 'A PATCH releases the order’s own reservation before checking funds; crossing buys pay for what rests after their fills; a sell needs the position less other open sells, not cash',
  category: 'orders',
  spec: 'PATCH /orders/{orderId}: "Added risk is checked again (funds, position, breakers)"; Portfolio.reservedCash: "Cash held by open buy orders"; Unprocessable: "insufficient_funds or insufficient_position"; a sell without shorting may use the position minus what open sells already commit.',
  requirements: ['orders.modify.risk-rechecked', 'orders.refused', 'portfolio.reserved-cash'],
  // A fresh agent with its whole starting cash: the pooled ones hold orders of other checks.
  modes: ['sandbox'],
  needs: { register: true, orders: true, budget: 16 },
  async run(ctx) {
    const agent = await ctx.agent({ fresh: true, permissions: TRADER, budget: 16 });
    const coin = await pickCoin(ctx, agent, ['BTC']);
    const { cash } = await cashAndHeld(ctx, agent, coin.symbol);
    const low = priceAt(coin, 0.5);
    const crossing = priceAt(coin, 1.03);
    const send = (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<OrderAnswer> => agent.client.send(method, path, body === undefined ? {} : { body });
    const limit = (side: 'buy' | 'sell', quantity: number, price: number): Promise<OrderAnswer> => send('POST', '/orders', { symbol: coin.symbol, side, type: 'limit', quantity, price });

    // 1. A resting buy (70 % of the cash at the market, 35 % at its price) re-priced to 60 % of the market: it needs ~42 %
    //    of the cash, which is there only once its own 35 % reservation is released.
    const q1 = quantityFor(coin, 0.7 * cash);
    if (q1 <= 0) ctx.skip(`one lot of ${coin.symbol} costs more than 70 % of the agent's ${cash} USD`);
    const first = accepted(ctx, await limit('buy', q1, low), `a limit buy of ${q1} ${coin.symbol} at ${low} (~35 % of the cash)`, 'set-up');
    ctx.reproduceNote = `fresh sandbox agent with ${cash} USD; a resting limit buy of ${q1} ${coin.symbol} at ${low}, re-priced to ${priceAt(coin, 0.6)}`;
    accepted(ctx, await send('PATCH', `/orders/${encodeURIComponent(first)}`, { price: priceAt(coin, 0.6) }), `a PATCH re-pricing a resting buy of ${q1} ${coin.symbol} from ${low} to ${priceAt(coin, 0.6)} (~42 % of the cash)`, 'the order’s own reservation (~35 %) must be released before its new cost is checked: the cash is there');
    await send('DELETE', `/orders/${encodeURIComponent(first)}`);

    // 2. A resting buy worth 45 % of the cash moved to a crossing price: it fills and pays ~45 %; a server that
    //    also reserved the filled part as if it rested would ask for ~140 %.
    const q2 = quantityFor(coin, 0.45 * cash);
    const second = accepted(ctx, await limit('buy', q2, low), `a limit buy of ${q2} ${coin.symbol} at ${low}`, 'set-up');
    ctx.reproduceNote = `fresh sandbox agent with ${cash} USD; a resting limit buy of ${q2} ${coin.symbol} (~45 % of the cash) re-priced to ${crossing}, across the book`;
    accepted(ctx, await send('PATCH', `/orders/${encodeURIComponent(second)}`, { price: crossing }), `a PATCH moving a buy of ${q2} ${coin.symbol} (~45 % of the cash) across the book to ${crossing}`, 'what fills is paid once; only what still rests is reserved');

    // 3. A new crossing limit buy worth 30 % (55 % of the cash left): the same rule when placing.
    const q3 = quantityFor(coin, 0.3 * cash);
    ctx.reproduceNote = `fresh sandbox agent that spent ~45 % of its ${cash} USD; a limit buy of ${q3} ${coin.symbol} at ${crossing}, across the book`;
    accepted(ctx, await limit('buy', q3, crossing), `a limit buy of ${q3} ${coin.symbol} (~30 % of the cash) at ${crossing}, across the book, with ~55 % left`, 'what fills is paid once; only what still rests is reserved');

    // 4. Sells far above the market: they need the position, not cash (the ~25 % left could not pay for them).
    const { held } = await cashAndHeld(ctx, agent, coin.symbol);
    const n = Math.round(held / coin.lotSize);
    if (n < 20) return ctx.partial('the buy side: a PATCH releases its own reservation; crossing buys pay for their fills once', `the sell side: the crossing buys filled only ${held} ${coin.symbol}`, 'a server whose book is deep enough to fill a buy of ~30 % of the starting cash');
    const high = priceAt(coin, 3);
    const s2 = Math.floor(0.3 * n);
    const s1 = Math.floor(0.4 * n);
    ctx.reproduceNote = `fresh sandbox agent holding ${held} ${coin.symbol} with ~25 % of its cash left; limit sells at ${high}`;
    accepted(ctx, await limit('sell', inLots(coin, s2), high), `a limit sell of ${inLots(coin, s2)} of the ${held} ${coin.symbol} held, at ${high}`, 'a sell within the position needs no cash');
    const mine = accepted(ctx, await limit('sell', inLots(coin, s1), high), `a second limit sell of ${inLots(coin, s1)} ${coin.symbol} at ${high} (together within the ${held} held)`, 'a sell within the position needs no cash');
    const patch = (lots: number): Promise<OrderAnswer> => send('PATCH', `/orders/${encodeURIComponent(mine)}`, { quantity: inLots(coin, lots) });
    const free = n - s2;
    ctx.reproduceNote = `fresh sandbox agent holding ${held} ${coin.symbol}, with resting sells of ${inLots(coin, s2)} and ${inLots(coin, s1)} at ${high}; PATCHes of the second`;
    accepted(ctx, await patch(free - 1), `a PATCH growing a resting sell to ${inLots(coin, free - 1)} ${coin.symbol}, within the ${held} held less the other sell's ${inLots(coin, s2)}`, 'the order’s own remaining quantity is not committed twice, and a sell needs no cash');
    accepted(ctx, await patch(free), `a PATCH growing a resting sell to exactly ${inLots(coin, free)} ${coin.symbol}: all of the ${held} held less the other sell's ${inLots(coin, s2)}`, 'a sell may use the whole position not committed to other sells');
    const over = await patch(free + 1);
    if (over.status === 200 || over.status === 201) {
      return ctx.partial('the buy side, and sells within the position with their own quantity counted once', `insufficient_position: the server let a resting sell grow one lot past the position less the other open sells (shorting is enabled there)`, 'run against a server without short selling');
    }
    expectProblem(ctx, over, 422, ['insufficient_position'], `a PATCH growing a resting sell one lot past the ${held} ${coin.symbol} held less the other open sell's ${inLots(coin, s2)}`);
    return pass(`a re-priced buy needed only the cash its old reservation freed; crossing buys (placed and modified) paid for their fills once; sells far above the market needed no cash, could grow to exactly the position less the other open sell (${inLots(coin, free)} ${coin.symbol}) and one lot more got 422 insufficient_position`);
  },
};
