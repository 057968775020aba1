import type { Check } from '../../check.js';
import { expectSuccess, pass } from '../expect.js';
import { EXAMPLE_SYMBOL } from './support/market-info.js';
import { agentFor } from './support/pick-agent.js';

interface Level {
  price: number;
}
interface Candle {
  openTime: string;
  closeTime: string;
}

/** Slack for a server clock read from outside (one request's round trip and a clock tick). */
const CLOCK_SLACK_MS = 5_000;

export const marketDataOrdered: Check = {
  id: 'schema.market-data-ordered',
  title: 'Order books are sorted and no deeper than asked; candles are the last ones, oldest first, the last one open; coins are named by ticker or id in any case',
  category: 'schema',
  spec: 'GET /market/{symbol}/orderbook: "Bids in descending and asks in ascending price order; the best bid is below the best ask", depth "Levels per side"; GET /market/{symbol}/candles: "The last limit candles, oldest first; the last one contains the current time"; symbol: "A coin ticker (BTC) or id (bitcoin), case-insensitive".',
  requirements: ['market.orderbook.sorted', 'market.candles.ordered', 'market.symbol.case-insensitive'],
  modes: ['sandbox', 'live'],
  needs: { register: true, usesGivenAgent: true, budget: 6 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market'], 6, ['read:social', 'read:sentiment']);
    const market = await agent.client.market();
    expectSuccess(ctx, market, 'GET /market');
    const coin = market.json?.data.find((t) => t.symbol === EXAMPLE_SYMBOL) ?? market.json?.data[0];
    if (!coin) return ctx.fail('GET /market listed no coins', 'at least one coin', market.text.slice(0, 200));

    const depth = 5;
    const book = await agent.client.send<{ data?: { symbol?: string; bids?: Level[]; asks?: Level[] } }>('GET', `/market/${coin.symbol}/orderbook`, { query: { depth } });
    expectSuccess(ctx, book, `GET /market/${coin.symbol}/orderbook?depth=${depth}`);
    const bids = (book.json?.data?.bids ?? []).map((l) => l.price);
    const asks = (book.json?.data?.asks ?? []).map((l) => l.price);
    const problems: string[] = [];
    if (bids.length > depth || asks.length > depth) problems.push(`${bids.length} bids and ${asks.length} asks for depth=${depth}`);
    if (bids.some((p, i) => i > 0 && p > (bids[i - 1] ?? p))) problems.push(`bids not in descending price order: ${bids.join(', ')}`);
    if (asks.some((p, i) => i > 0 && p < (asks[i - 1] ?? p))) problems.push(`asks not in ascending price order: ${asks.join(', ')}`);
    if (bids[0] !== undefined && asks[0] !== undefined && !(bids[0] < asks[0])) problems.push(`best bid ${bids[0]} is not below best ask ${asks[0]}`);
    if (problems.length > 0) ctx.fail(`The ${coin.symbol} order book is not as documented: ${problems.join('; ')}`, `bids descending, asks ascending, best bid < best ask, at most ${depth} per side`, problems.join('\n'));

    for (const name of [coin.symbol.toLowerCase(), coin.id.toUpperCase()]) {
      const other = await agent.client.send<{ data?: { symbol?: string } }>('GET', `/market/${encodeURIComponent(name)}/orderbook`, { query: { depth: 1 } });
      if (other.status !== 200 || other.json?.data?.symbol !== coin.symbol) {
        ctx.fail(`GET /market/${name}/orderbook did not give the ${coin.symbol} book: coins are named by ticker or id, case-insensitive`, `200 with data.symbol ${coin.symbol}`, `${other.status} ${other.text.slice(0, 200)}`);
      }
    }

    const limit = 3;
    const candles = await agent.client.send<{ data?: { candles?: Candle[] } }>('GET', `/market/${coin.symbol}/candles`, { query: { interval: '1h', limit } });
    expectSuccess(ctx, candles, `GET /market/${coin.symbol}/candles?interval=1h&limit=${limit}`);
    const list = candles.json?.data?.candles ?? [];
    const opens = list.map((c) => Date.parse(c.openTime));
    const last = list.at(-1);
    const now = ctx.now();
    const lastHolds = last !== undefined && Date.parse(last.openTime) - CLOCK_SLACK_MS <= now && now <= Date.parse(last.closeTime) + CLOCK_SLACK_MS;
    if (list.length !== limit || opens.some((t, i) => i > 0 && t <= (opens[i - 1] ?? t)) || !lastHolds) {
      ctx.fail(
        `GET /market/${coin.symbol}/candles?limit=${limit} is not the last ${limit} candles, oldest first, the last one containing the current time`,
        `${limit} candles, openTime ascending, the last from ≤ ${new Date(now).toISOString()} to ≥ it`,
        list.map((c) => `${c.openTime} – ${c.closeTime}`).join('\n') || 'no candles',
      );
    }
    return pass(`the ${coin.symbol} book is sorted (${bids.length}/${asks.length} levels for depth ${depth}) and answers to '${coin.symbol.toLowerCase()}' and '${coin.id.toUpperCase()}'; ${limit} candles, oldest first, the last one open now`);
  },
};
