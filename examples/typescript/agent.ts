// A small Agent Connect trading agent. Only `fetch` and `node:crypto`: copy this file anywhere
// (Node 20+, run with `npx tsx agent.ts`). It registers itself when no key is given, reads the
// market and its portfolio, places a market order and a limit order, changes the limit order
// and cancels it, printing each step.
//
// It copes with what a real exchange does now and then: after a 429 it waits as long as
// Retry-After asks; a 5xx, a time-out or a dropped connection is retried with exponential backoff
// when a repeat is safe (GETs, and orders, which always carry a clientOrderId so the server
// recognises a repeat instead of placing the order twice); once the daily-loss breaker refuses
// an order (403 daily_loss_limit_reached) it places no more orders that add risk and finishes
// normally. Anything else unexpected stops it with exit code 1.
//
// Environment:
//   NX_BASE_URL    API base URL (default http://127.0.0.1:4010/v1/agent, the local mock)
//   NX_API_KEY     an existing key (nx_test_… or nx_live_…); absent: register a new agent
//   NX_API_SECRET  the key's secret; needed for live keys, which sign every request (SIGNING.md)
//   NX_MODE        sandbox (default) or live: the mode to register in when NX_API_KEY is absent
import { createHmac, randomUUID } from 'node:crypto';

const BASE_URL = (process.env.NX_BASE_URL || 'http://127.0.0.1:4010/v1/agent').replace(/\/+$/, '');
const MODE = process.env.NX_MODE || 'sandbox';
let apiKey = process.env.NX_API_KEY || '';
let apiSecret = process.env.NX_API_SECRET || '';

const MAX_ATTEMPTS = 5; // per call: the first try and up to 4 retries (429 waits and 5xx backoffs together)
const MAX_RETRY_AFTER_MS = 60_000; // a longer Retry-After is not worth waiting for here: give up
const FIRST_BACKOFF_MS = 250; // then 500, 1000, 2000 ms
const TIMEOUT_MS = 10_000; // per attempt; a slow answer is not a dead one

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

/** The RFC 9457 problem body of an error answer (`code` is the stable part to branch on). */
interface Problem {
  code?: string;
  detail?: string;
  resetsAt?: string;
}

/** An answer the agent did not expect; `problem` is its parsed body, when it had one. */
class UnexpectedResponse extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly problem: Problem = {},
  ) {
    super(message);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** fetch's own errors say only "fetch failed"; the reason (ECONNREFUSED, a reset, …) is in `cause`. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

/**
 * The authentication headers, made afresh for every attempt. Live keys are signed:
 * HMAC-SHA256(secret, timestamp + METHOD + path + body) in lowercase hex, where path is relative
 * to /v1/agent without the query string and body is the exact string sent.
 */
function authHeaders(method: string, path: string, body: string): Record<string, string> {
  if (apiKey === '') return {}; // POST /register: nothing to sign with yet
  if (!apiKey.startsWith('nx_live_')) return { 'X-NX-Key': apiKey }; // sandbox keys need no signature
  const timestamp = String(Date.now()); // milliseconds, taken once: the header and the signature share it
  const signedPath = path.split('?')[0] ?? path;
  const signature = createHmac('sha256', apiSecret).update(`${timestamp}${method}${signedPath}`).update(body).digest('hex');
  return { 'X-NX-Key': apiKey, 'X-NX-Timestamp': timestamp, 'X-NX-Signature': signature };
}

/** Retry-After is seconds (`1`) or an HTTP date; 1 s when it is missing or unreadable. */
function retryAfterMs(header: string | null): number {
  if (header === null || header.trim() === '') return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}

function parseProblem(text: string): Problem {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Problem) : {};
  } catch {
    return {};
  }
}

/**
 * One API call, answered with one of the `expected` statuses, retried when that is safe. The body
 * is serialised once, and those same bytes are signed and sent on every attempt (with a fresh
 * timestamp each time).
 */
async function api<T>(method: string, path: string, expected: number[], body?: Record<string, unknown>): Promise<T> {
  const text = body === undefined ? '' : JSON.stringify(body);
  // A 5xx or a lost answer may hide a request that was carried out. Repeating it is safe for a
  // GET, and for a POST /orders with a clientOrderId: the server answers a repeat with the first
  // order (200, Idempotent-Replayed: true) instead of placing a second one. PATCH and DELETE are
  // not repeated: the server cannot tell a repeat from a new request, so the agent stops instead
  // of guessing whether the first one went through.
  const repeatable = method === 'GET' || typeof body?.clientOrderId === 'string';
  let backoffMs = FIRST_BACKOFF_MS;
  for (let attempt = 1; ; attempt += 1) {
    const lastAttempt = attempt === MAX_ATTEMPTS;
    let status: number;
    let answer: string;
    let retryAfter: string | null;
    try {
      const headers = authHeaders(method, path, text);
      if (text !== '') headers['Content-Type'] = 'application/json';
      const res = await fetch(`${BASE_URL}${path}`, { method, headers, body: text === '' ? undefined : text, signal: AbortSignal.timeout(TIMEOUT_MS) });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      answer = await res.text();
    } catch (error) {
      // No answer: time-out, connection refused or reset. Retry only what is safe to repeat.
      if (!repeatable || lastAttempt) throw error;
      console.log(`${method} ${path} failed (${reason(error)}); retrying in ${backoffMs} ms`);
      await sleep(backoffMs);
      backoffMs *= 2;
      continue;
    }
    if (expected.includes(status)) return (answer === '' ? undefined : JSON.parse(answer)) as T;

    // 429: the request was not carried out. Wait as long as the server asks, then send it again.
    const waitMs = retryAfterMs(retryAfter);
    if (status === 429 && !lastAttempt && waitMs <= MAX_RETRY_AFTER_MS) {
      console.log(`429 on ${method} ${path}: waiting ${waitMs / 1000} s as Retry-After asks`);
      await sleep(waitMs);
      continue;
    }
    // 5xx: a passing failure, worth another try after a growing pause, if a repeat is safe.
    if (status >= 500 && repeatable && !lastAttempt) {
      console.log(`${status} on ${method} ${path}: retrying in ${backoffMs} ms`);
      await sleep(backoffMs);
      backoffMs *= 2;
      continue;
    }
    throw new UnexpectedResponse(`${method} ${path} answered ${status}, expected ${expected.join(' or ')}: ${answer}`, status, parseProblem(answer));
  }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new UnexpectedResponse(what);
}

// The daily-loss breaker: once it has refused an order (403 daily_loss_limit_reached), orders
// that add risk are refused until it resets (00:00 UTC). The agent then sends no more of them.
let breaker: Problem | null = null;

/** Sends an order that adds risk; null, and no request at all, once the breaker has tripped. */
async function addingRisk<T>(send: () => Promise<T>): Promise<T | null> {
  if (breaker !== null) return null;
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof UnexpectedResponse) || error.problem.code !== 'daily_loss_limit_reached') throw error;
    breaker = error.problem;
    console.log(`Order refused: ${breaker.detail ?? 'daily loss limit reached'}`);
    return null;
  }
}

/** Placed (201), or a repeat the server recognised by its clientOrderId (200). */
const PLACED = [201, 200];

const usd = (n: number): string => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Rounds a price down onto the coin's tick grid (0.01, 0.0001, …), without float noise. */
function onTick(price: number, tickSize: number): number {
  const decimals = Math.max(0, Math.round(-Math.log10(tickSize)));
  return Number((Math.floor(price / tickSize) * tickSize).toFixed(decimals));
}

/** A fresh id per order (not per attempt): it is what makes a retry of POST /orders safe. */
const newClientOrderId = (): string => `example-${randomUUID()}`;

/** A limit buy 5 % under the best bid, which rests; then changed with PATCH and canceled. */
async function limitOrderRoundTrip(): Promise<void> {
  const book = await api<{ data: { bids: { price: number }[]; tickSize: number } }>('GET', '/market/BTC/orderbook?depth=1', [200]);
  const bestBid = book.data.bids[0]?.price;
  check(typeof bestBid === 'number', 'the BTC order book has no bids');
  const limitPrice = onTick(bestBid! * 0.95, book.data.tickSize);
  const placed = await addingRisk(() =>
    api<{ order: Order }>('POST', '/orders', PLACED, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: limitPrice, clientOrderId: newClientOrderId() }),
  );
  if (placed === null) return;
  check(placed.order.status === 'open', `a limit 5 % under the bid should rest; it is ${placed.order.status}`);
  console.log(`Limit buy ${placed.order.orderId}: 0.001 BTC at $${usd(limitPrice)}, ${placed.order.status}`);

  const id = encodeURIComponent(placed.order.orderId);
  const newPrice = onTick(bestBid! * 0.9, book.data.tickSize);
  const changed = await addingRisk(() => api<{ order: Order }>('PATCH', `/orders/${id}`, [200], { quantity: 0.002, price: newPrice })); // a larger order adds risk
  if (changed !== null) {
    check(changed.order.orderId === placed.order.orderId, 'PATCH changed the orderId');
    check(changed.order.quantity === 0.002 && changed.order.price === newPrice, 'PATCH did not apply the new quantity and price');
    console.log(`Changed ${changed.order.orderId}: ${changed.order.quantity} BTC at $${usd(newPrice)}, ${changed.order.status}`);
  }

  // Canceling takes risk away, so it is sent even when the breaker refused the change.
  const canceled = await api<{ order: Order }>('DELETE', `/orders/${id}`, [200]);
  check(canceled.order.status === 'canceled', `DELETE left the order ${canceled.order.status}`);
  console.log(`Canceled ${canceled.order.orderId}`);
}

async function main(): Promise<void> {
  if (apiKey === '') {
    check(MODE === 'sandbox' || MODE === 'live', `NX_MODE must be sandbox or live, got '${MODE}'`);
    const reg = await api<{ agent: { id: string; apiKey: string; apiSecret: string; mode: string } }>('POST', '/register', [201], {
      name: 'Example TypeScript agent',
      permissions: ['read:market', 'read:portfolio', 'write:orders'],
      mode: MODE,
    });
    ({ apiKey, apiSecret } = reg.agent);
    console.log(`Registered ${reg.agent.id} (${reg.agent.mode}), key ${apiKey.slice(0, 12)}… (keep the secret safe: it is shown once)`);
  } else if (apiKey.startsWith('nx_live_') && apiSecret === '') {
    throw new UnexpectedResponse('NX_API_SECRET is required with a live key (live requests are signed)');
  }

  const me = await api<{ agent: { id: string; name: string; mode: string } }>('GET', '/me', [200]);
  console.log(`Agent ${me.agent.id} "${me.agent.name}" in ${me.agent.mode} mode`);

  const market = await api<{ data: { symbol: string; price: number; change24h: number }[] }>('GET', '/market?coins=bitcoin', [200]);
  const btc = market.data[0];
  check(btc !== undefined && typeof btc.price === 'number', 'GET /market?coins=bitcoin returned no BTC price');
  console.log(`BTC: $${usd(btc!.price)} (${btc!.change24h >= 0 ? '+' : ''}${btc!.change24h.toFixed(2)}%)`);

  const before = await api<{ data: { totalValue: number; cash: number } }>('GET', '/portfolio', [200]);
  console.log(`Portfolio: $${usd(before.data.totalValue)} (cash $${usd(before.data.cash)})`);

  // "price": null on a market order, as the published Python client sends it.
  const bought = await addingRisk(() =>
    api<{ order: Order }>('POST', '/orders', PLACED, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null, clientOrderId: newClientOrderId() }),
  );
  if (bought !== null) {
    check(bought.order.status === 'filled', `market order ended ${bought.order.status}, expected filled`);
    console.log(`Market buy ${bought.order.orderId}: filled ${bought.order.filledQuantity} BTC at $${usd(bought.order.avgFillPrice ?? 0)}, fees $${bought.order.fees}`);
    await limitOrderRoundTrip();
  }
  if (breaker !== null) {
    console.log(`Daily-loss breaker tripped: no more orders that add risk until ${breaker.resetsAt ?? 'it resets'}`);
  }

  const after = await api<{ data: { totalValue: number; cash: number; reservedCash: number; positions: { symbol: string; quantity: number }[] } }>('GET', '/portfolio', [200]);
  const held = after.data.positions.map((p) => `${p.quantity} ${p.symbol}`).join(', ') || 'nothing';
  console.log(`Portfolio: $${usd(after.data.totalValue)} (cash $${usd(after.data.cash)}, reserved $${usd(after.data.reservedCash)}); holding ${held}`);
}

main().catch((error: unknown) => {
  console.error(`agent stopped: ${reason(error)}`);
  process.exitCode = 1;
});
