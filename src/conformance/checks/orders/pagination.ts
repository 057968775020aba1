import type { ApiResponse } from '../../../client/agent-client.js';
import type { TestAgent } from '../../agent-pool.js';
import type { Check } from '../../check.js';
import type { CheckContext } from '../../check-context.js';
import { expectStatus, pass } from '../expect.js';
import { coinInfo, farBelow, lots, type CoinInfo } from '../schema/support/market-info.js';

const PAGE = 2;
// Five on pages of two: the last page holds only the oldest order (a server must not lose it).
const PLACED = 5;
/** Pages of the agent's own (short) order list read before concluding the cursor never ends. */
const MAX_PAGES = 30;
/** Pages of the social feed read (it may be long: the first ones show whether pages repeat or skip). */
const FEED_PAGES = 5;

interface Item {
  id: string;
  status?: string;
  at: number;
}

interface Walk {
  items: Item[];
  pages: number;
}

/** Follows nextCursor from the first page; `between` runs after the first page (an order placed meanwhile). */
async function walk(
  ctx: CheckContext,
  what: string,
  fetchPage: (cursor?: string) => Promise<ApiResponse<unknown>>,
  read: (item: Record<string, unknown>) => Item,
  options: { between?: () => Promise<void>; upTo?: number } = {},
): Promise<Walk> {
  const items: Item[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= (options.upTo ?? MAX_PAGES); pages++) {
    const res = await fetchPage(cursor);
    expectStatus(ctx, res, 200, `${what}, page ${pages}`);
    const body = res.json as { data?: Array<Record<string, unknown>>; nextCursor?: unknown } | undefined;
    const data = body?.data ?? [];
    if (data.length > PAGE) ctx.fail(`${what} gave ${data.length} items on a page of limit=${PAGE}`, `at most ${PAGE} items per page`, res.text.slice(0, 300));
    items.push(...data.map(read));
    if (pages === 1) await options.between?.();
    if (typeof body?.nextCursor !== 'string' || body.nextCursor === '' || pages === options.upTo) return { items, pages };
    cursor = body.nextCursor;
  }
  return ctx.fail(`${what} still gave a nextCursor after ${MAX_PAGES} pages of ${PAGE}`, 'a last page (nextCursor null)', `${items.length} items read`);
}

function checkWalk(ctx: CheckContext, what: string, walked: Walk, expected: readonly string[]): void {
  const seen = new Map<string, number>();
  for (const item of walked.items) seen.set(item.id, (seen.get(item.id) ?? 0) + 1);
  const repeated = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  const skipped = expected.filter((id) => !seen.has(id));
  const unordered = walked.items.some((item, i) => i > 0 && item.at > (walked.items[i - 1]?.at ?? item.at));
  if (repeated.length > 0 || skipped.length > 0 || unordered) {
    ctx.fail(
      `${what} over ${walked.pages} pages ${[repeated.length > 0 ? `repeated ${repeated.join(', ')}` : '', skipped.length > 0 ? `skipped ${skipped.join(', ')}` : '', unordered ? 'is not newest first' : ''].filter(Boolean).join(', ')}`,
      `every item once, newest first${expected.length > 0 ? `, ${expected.join(', ')} included` : ''}`,
      walked.items.map((i) => `${i.id} ${new Date(i.at).toISOString()}${i.status ? ` ${i.status}` : ''}`).join('\n'),
    );
  }
}

async function placeResting(ctx: CheckContext, agent: TestAgent, info: CoinInfo, n: number): Promise<string> {
  const res = await agent.client.placeOrder({ symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 10 + n), price: farBelow(info, 0.5) });
  expectStatus(ctx, res, 201, 'Set-up: a limit buy far below the market');
  return res.json?.order.orderId ?? '';
}

export const pagination: Check = {
  id: 'orders.pagination',
  title: 'Pages of GET /orders (status filter included) and of the social feed never repeat or skip an item, even with an order placed between pages, newest first',
  category: 'orders',
  spec: 'GET /orders: "Newest first. Pass nextCursor back as cursor for the next page; a page never repeats or skips an order, even when orders are placed between pages"; status: "statuses to keep"; GET /social/feed: "newest first, with cursor pagination that never repeats or skips a post".',
  requirements: ['orders.list.pagination', 'social.pagination'],
  modes: ['sandbox', 'live'],
  needs: { register: true, orders: true, budget: 26 },
  async run(ctx) {
    // A fresh agent: its list holds exactly the orders of this check.
    const agent = await ctx.agent({ fresh: true, permissions: ['read:market', 'read:portfolio', 'write:orders', 'read:social'], budget: 26 });
    const info = await coinInfo(ctx, agent);
    const placed: string[] = [];
    for (let n = 0; n < PLACED; n++) placed.push(await placeResting(ctx, agent, info, n));
    // One more on another coin: the symbol filter must leave it out.
    const market = await agent.client.market();
    const otherSymbol = market.json?.data.find((t) => t.symbol !== info.symbol)?.symbol;
    const elsewhere = otherSymbol ? await placeResting(ctx, agent, await coinInfo(ctx, agent, otherSymbol), 0) : undefined;
    const orders = await walk(
      ctx,
      `GET /orders?status=open&symbol=${info.symbol}&limit=${PAGE}`,
      (cursor) => agent.client.listOrders({ status: 'open', symbol: info.symbol, limit: PAGE, ...(cursor ? { cursor } : {}) }),
      (o) => ({ id: String(o.orderId), status: String(o.status), at: Date.parse(String(o.createdAt)) }),
      { between: async () => void placed.push(await placeResting(ctx, agent, info, PLACED)) },
    );
    // The order placed after the first page is newer than it: the walk may or may not reach it, but
    // it must neither push an order already read onto a later page nor drop one.
    checkWalk(ctx, `GET /orders?status=open (an order placed after page 1)`, { ...orders, items: orders.items.filter((i) => i.id !== placed[PLACED]) }, placed.slice(0, PLACED));
    const wrongStatus = orders.items.filter((i) => i.status !== 'open');
    if (wrongStatus.length > 0) ctx.fail('GET /orders?status=open listed orders of another status', 'only open orders', wrongStatus.map((i) => `${i.id} ${i.status}`).join('\n'));
    if (elsewhere && orders.items.some((i) => i.id === elsewhere)) {
      ctx.fail(`GET /orders?symbol=${info.symbol} listed the agent's ${otherSymbol} order ${elsewhere}`, `only ${info.symbol} orders`, orders.items.map((i) => i.id).join(', '));
    }
    const feed = await walk(ctx, `GET /social/feed?limit=${PAGE}`, (cursor) => agent.client.socialFeed({ limit: PAGE, ...(cursor ? { cursor } : {}) }), (p) => ({ id: String(p.id), at: Date.parse(String(p.createdAt)) }), { upTo: FEED_PAGES });
    checkWalk(ctx, 'GET /social/feed', feed, []);
    return pass(`${orders.items.length} open orders over ${orders.pages} pages and ${feed.items.length} posts over ${feed.pages} pages: none repeated, none skipped, newest first`);
  },
};
