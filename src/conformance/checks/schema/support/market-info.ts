// What the order checks need to know about a coin before they trade it: the tick and lot sizes
// (so prices and quantities are on the grid) and the best bid and ask (so a limit order can be
// placed far enough from the market to rest). Quantities stay a few lots, so no agent ever runs
// short of cash or trips a breaker.
import type { TestAgent } from '../../../agent-pool.js';
import type { CheckContext } from '../../../check-context.js';

/** The coin the spec's own examples trade (the published client's order is for BTC). */
export const EXAMPLE_SYMBOL = 'BTC';

export interface CoinInfo {
  symbol: string;
  tickSize: number;
  lotSize: number;
  bestBid: number;
  bestAsk: number;
}

/** Decimal places of a grid step (0.00001 → 5, 1e-9 → 9, 1000 → 0). */
export function decimalsOf(step: number): number {
  for (let d = 0; d <= 15; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 15;
}

/** `n` lots of the coin, rounded to the lot's decimals. */
export const lots = (info: CoinInfo, n: number): number => Number((info.lotSize * n).toFixed(decimalsOf(info.lotSize)));

/** A buy price `fraction` of the best bid, on the tick grid (it rests: nobody sells that low). */
export function farBelow(info: CoinInfo, fraction: number): number {
  const ticks = Math.max(1, Math.floor((info.bestBid * fraction) / info.tickSize));
  return Number((ticks * info.tickSize).toFixed(decimalsOf(info.tickSize)));
}

/** Equal as numbers the server may have rounded to its grid. */
export const sameNumber = (a: unknown, b: number): boolean => typeof a === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Reads the order book of `symbol` with `agent` (which needs read:market); fails the check when it cannot. */
export async function coinInfo(ctx: CheckContext, agent: TestAgent, symbol = EXAMPLE_SYMBOL): Promise<CoinInfo> {
  const res = await agent.client.orderBook(symbol, 5);
  const data = res.json?.data;
  const bestBid = data?.bids[0]?.price ?? data?.asks[0]?.price;
  const bestAsk = data?.asks[0]?.price ?? data?.bids[0]?.price;
  if (res.status !== 200 || !data || typeof data.tickSize !== 'number' || typeof data.lotSize !== 'number' || bestBid === undefined || bestAsk === undefined) {
    return ctx.fail(
      `Set-up failed: GET /market/${symbol}/orderbook did not give the tick size, lot size and prices the check needs to place small orders`,
      `200 with data.tickSize, data.lotSize and at least one price level`,
      `${res.status} ${res.text.slice(0, 300)}`,
    );
  }
  return { symbol: data.symbol, tickSize: data.tickSize, lotSize: data.lotSize, bestBid, bestAsk };
}
