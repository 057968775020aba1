// A small Agent Connect trading agent. Only `fetch` and `node:crypto`: copy this file anywhere
// (Node 20+, run with `npx tsx agent.ts`). It registers itself when no key is given, reads the
// market and its portfolio, places a market order and a limit order, changes the limit order
// and cancels it, printing each step. Any unexpected response stops it with exit code 1.
//
// Environment:
//   NX_BASE_URL    API base URL (default http://127.0.0.1:4010/v1/agent, the local mock)
//   NX_API_KEY     an existing key (nx_test_… or nx_live_…); absent: register a new agent
//   NX_API_SECRET  the key's secret; needed for live keys, which sign every request (SIGNING.md)
//   NX_MODE        sandbox (default) or live: the mode to register in when NX_API_KEY is absent
import { createHmac } from 'node:crypto';

const BASE_URL = (process.env.NX_BASE_URL || 'http://127.0.0.1:4010/v1/agent').replace(/\/+$/, '');
const MODE = process.env.NX_MODE || 'sandbox';
let apiKey = process.env.NX_API_KEY || '';
let apiSecret = process.env.NX_API_SECRET || '';

interface Order {
  orderId: string;
  symbol: string;
  side: string;
  type: string;
  quantity: number;
  price: number | null;
  status: string;
  filledQuantity: number;
  avgFillPrice: number | null;
  fees: number;
}

class UnexpectedResponse extends Error {}

/**
 * One API call. Live keys are signed: HMAC-SHA256(secret, timestamp + METHOD + path + body) in
 * lowercase hex, where path is relative to /v1/agent without the query string and body is the
 * exact string sent. The body is serialised once, and those same bytes are signed and sent.
 */
async function api<T>(method: string, path: string, expected: number, body?: unknown): Promise<T> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (text !== '') headers['Content-Type'] = 'application/json';
  if (apiKey !== '') {
    headers['X-NX-Key'] = apiKey;
    if (apiKey.startsWith('nx_live_')) {
      const timestamp = String(Date.now()); // taken once: the header and the signature share it
      const signedPath = path.split('?')[0] ?? path;
      headers['X-NX-Timestamp'] = timestamp;
      headers['X-NX-Signature'] = createHmac('sha256', apiSecret).update(`${timestamp}${method}${signedPath}`).update(text).digest('hex');
    }
  }
  const res = await fetch(`${BASE_URL}${path}`, { method, headers, body: text === '' ? undefined : text });
  const answer = await res.text();
  if (res.status !== expected) {
    throw new UnexpectedResponse(`${method} ${path} answered ${res.status}, expected ${expected}: ${answer}`);
  }
  return (answer === '' ? undefined : JSON.parse(answer)) as T;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new UnexpectedResponse(what);
}

const usd = (n: number): string => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Rounds a price down onto the coin's tick grid (0.01, 0.0001, …), without float noise. */
function onTick(price: number, tickSize: number): number {
  const decimals = Math.max(0, Math.round(-Math.log10(tickSize)));
  return Number((Math.floor(price / tickSize) * tickSize).toFixed(decimals));
}

async function main(): Promise<void> {
  if (apiKey === '') {
    check(MODE === 'sandbox' || MODE === 'live', `NX_MODE must be sandbox or live, got '${MODE}'`);
    const reg = await api<{ agent: { id: string; apiKey: string; apiSecret: string; mode: string } }>('POST', '/register', 201, {
      name: 'Example TypeScript agent',
      permissions: ['read:market', 'read:portfolio', 'write:orders'],
      mode: MODE,
    });
    ({ apiKey, apiSecret } = reg.agent);
    console.log(`Registered ${reg.agent.id} (${reg.agent.mode}), key ${apiKey.slice(0, 12)}… (keep the secret safe: it is shown once)`);
  } else if (apiKey.startsWith('nx_live_') && apiSecret === '') {
    throw new UnexpectedResponse('NX_API_SECRET is required with a live key (live requests are signed)');
  }

  const me = await api<{ agent: { id: string; name: string; mode: string } }>('GET', '/me', 200);
  console.log(`Agent ${me.agent.id} "${me.agent.name}" in ${me.agent.mode} mode`);

  const market = await api<{ data: { symbol: string; price: number; change24h: number }[] }>('GET', '/market?coins=bitcoin', 200);
  const btc = market.data[0];
  check(btc !== undefined && typeof btc.price === 'number', 'GET /market?coins=bitcoin returned no BTC price');
  console.log(`BTC: $${usd(btc!.price)} (${btc!.change24h >= 0 ? '+' : ''}${btc!.change24h.toFixed(2)}%)`);

  const before = await api<{ data: { totalValue: number; cash: number } }>('GET', '/portfolio', 200);
  console.log(`Portfolio: $${usd(before.data.totalValue)} (cash $${usd(before.data.cash)})`);

  const bought = await api<{ order: Order }>('POST', '/orders', 201, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null });
  check(bought.order.status === 'filled', `market order ended ${bought.order.status}, expected filled`);
  console.log(`Market buy ${bought.order.orderId}: filled ${bought.order.filledQuantity} BTC at $${usd(bought.order.avgFillPrice ?? 0)}, fees $${bought.order.fees}`);

  const book = await api<{ data: { bids: { price: number }[]; tickSize: number } }>('GET', '/market/BTC/orderbook?depth=1', 200);
  const bestBid = book.data.bids[0]?.price;
  check(typeof bestBid === 'number', 'the BTC order book has no bids');
  const limitPrice = onTick(bestBid! * 0.95, book.data.tickSize);
  const placed = await api<{ order: Order }>('POST', '/orders', 201, {
    symbol: 'BTC',
    side: 'buy',
    type: 'limit',
    quantity: 0.001,
    price: limitPrice,
    clientOrderId: `example-${Date.now()}`,
  });
  check(placed.order.status === 'open', `a limit 5 % under the bid should rest; it is ${placed.order.status}`);
  console.log(`Limit buy ${placed.order.orderId}: 0.001 BTC at $${usd(limitPrice)}, ${placed.order.status}`);

  const id = encodeURIComponent(placed.order.orderId);
  const newPrice = onTick(bestBid! * 0.9, book.data.tickSize);
  const changed = await api<{ order: Order }>('PATCH', `/orders/${id}`, 200, { quantity: 0.002, price: newPrice });
  check(changed.order.orderId === placed.order.orderId, 'PATCH changed the orderId');
  check(changed.order.quantity === 0.002 && changed.order.price === newPrice, 'PATCH did not apply the new quantity and price');
  console.log(`Changed ${changed.order.orderId}: ${changed.order.quantity} BTC at $${usd(newPrice)}, ${changed.order.status}`);

  const canceled = await api<{ order: Order }>('DELETE', `/orders/${id}`, 200);
  check(canceled.order.status === 'canceled', `DELETE left the order ${canceled.order.status}`);
  console.log(`Canceled ${canceled.order.orderId}`);

  const after = await api<{ data: { totalValue: number; cash: number; reservedCash: number; positions: { symbol: string; quantity: number }[] } }>('GET', '/portfolio', 200);
  const held = after.data.positions.map((p) => `${p.quantity} ${p.symbol}`).join(', ') || 'nothing';
  console.log(`Portfolio: $${usd(after.data.totalValue)} (cash $${usd(after.data.cash)}, reserved $${usd(after.data.reservedCash)}); holding ${held}`);
}

main().catch((error: unknown) => {
  console.error(`agent stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
