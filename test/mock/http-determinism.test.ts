// Determinism: two mocks with the same seed, a fixed clock and a deterministic secret source
// answer the same request script with byte-identical bodies and headers, in-process (supertest)
// and over real HTTP (startMock, raw header lines compared in order); another seed differs.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { signRequest } from '../../src/signing/index.js';
import { createTestMock } from '../helpers/test-mock.js';
import { ALL_PERMISSIONS } from './trading-support.js';

const FIXED = '2026-01-05T12:00:00.000Z';
const FIXED_MS = Date.parse(FIXED);

interface Answer {
  status: number;
  text: string;
  headers: unknown;
}
interface Creds {
  apiKey: string;
  apiSecret: string;
}
type Send = (method: string, path: string, opts?: { as?: Creds; body?: unknown }) => Promise<Answer>;

const deterministicSecrets = () => {
  let n = 0;
  return () => `det-secret-${String(++n).padStart(4, '0')}-abcdefghijklmnop`;
};

// API keys are credentials and random by default; byte-identical answers need seeded keys too.
const options = (seed: number, deterministicKeys = true) => ({ seed, clock: `fixed:${FIXED}`, secretSource: deterministicSecrets(), deterministicKeys });

/** The script: every operation, sandbox and live (signed), successes and problems. Later requests use earlier answers. */
async function script(send: Send): Promise<Answer[]> {
  const out: Answer[] = [];
  const go = async (method: string, path: string, opts?: { as?: Creds; body?: unknown }) => {
    const answer = await send(method, path, opts);
    out.push(answer);
    return JSON.parse(answer.text || 'null');
  };
  const reg = async (mode: string, name: string) => {
    const body = await go('POST', '/register', { body: { name, permissions: ALL_PERMISSIONS, mode } });
    return { apiKey: body.agent.apiKey, apiSecret: body.agent.apiSecret } as Creds;
  };
  const sandbox = await reg('sandbox', 'Det Bot');
  const live = await reg('live', 'Det Live Bot');
  await go('GET', '/market', { as: sandbox });
  await go('GET', '/market?coins=BTC,ethereum', { as: live });
  await go('GET', '/market/BTC/orderbook?depth=10', { as: sandbox });
  await go('GET', '/market/ETH/candles?interval=15m&limit=20', { as: sandbox });
  await go('GET', '/sentiment', { as: sandbox });
  const page = await go('GET', '/social/feed?limit=5', { as: sandbox });
  await go('GET', `/social/feed?limit=5&cursor=${page.nextCursor}`, { as: sandbox });
  await go('POST', '/orders', { as: sandbox, body: { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: null } });
  const limit = { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 1, price: 1000, clientOrderId: 'det-1' };
  const placed = await go('POST', '/orders', { as: sandbox, body: limit });
  await go('POST', '/orders', { as: sandbox, body: limit }); // replayed
  await go('PATCH', `/orders/${placed.order.orderId}`, { as: sandbox, body: { price: 1100 } });
  await go('GET', '/orders?status=open', { as: sandbox });
  await go('DELETE', `/orders/${placed.order.orderId}`, { as: sandbox });
  await go('GET', '/portfolio', { as: sandbox });
  await go('POST', '/orders', { as: live, body: { symbol: 'SOL', side: 'buy', type: 'market', quantity: 1 } });
  await go('GET', '/portfolio', { as: live });
  await go('GET', '/me', { as: live });
  await go('GET', '/market?coins=nope', { as: sandbox });
  await go('GET', '/orders/ord_doesnotexist', { as: sandbox });
  await go('GET', '/me', { as: { apiKey: 'nx_test_unknownKey000000000000000000', apiSecret: 'x' } });
  return out;
}

/** In-process transport (supertest); `call` signs live keys with the mock's clock and checks the spec. */
function inProcess(seed: number, deterministicKeys = true): Send {
  const m = createTestMock(options(seed, deterministicKeys));
  return async (method, path, opts = {}) => {
    const res = await m.call(method, path, opts);
    return { status: res.status, text: res.text, headers: res.headers };
  };
}

/** Real HTTP with node:http, keeping the raw header lines (names as sent, in order). */
function overHttp(mock: RunningMock): Send {
  return (method, path, opts = {}) =>
    new Promise((resolve, reject) => {
      const body = opts.body === undefined ? '' : JSON.stringify(opts.body);
      const headers: Record<string, string> = { connection: 'close' };
      if (body) headers['content-type'] = 'application/json';
      if (opts.as) {
        headers['x-nx-key'] = opts.as.apiKey;
        if (opts.as.apiKey.startsWith('nx_live_')) {
          const timestamp = String(FIXED_MS);
          headers['x-nx-timestamp'] = timestamp;
          headers['x-nx-signature'] = signRequest({ secret: opts.as.apiSecret, timestamp, method, path: path.split('?')[0]!, body });
        }
      }
      const req = httpRequest(`${mock.baseUrl}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.rawHeaders }));
      });
      req.on('error', reject);
      req.end(body);
    });
}

describe('determinism', () => {
  it('answers the same script byte-identically (bodies and every header) for the same seed and fixed clock', async () => {
    const a = await script(inProcess(7));
    const b = await script(inProcess(7));
    expect(a).toHaveLength(22);
    expect(a.map((x) => x.status)).toEqual([201, 201, 200, 200, 200, 200, 200, 200, 200, 201, 201, 200, 200, 200, 200, 200, 201, 200, 200, 400, 404, 401]);
    for (const [i, x] of a.entries()) {
      expect(b[i]!.text, `answer ${i}`).toBe(x.text);
      expect(b[i]!.headers, `answer ${i}`).toEqual(x.headers);
    }
    // The Date header is the mock's clock, not the wall clock.
    expect((a[0]!.headers as Record<string, string>).date).toBe(new Date(FIXED_MS).toUTCString());
  });

  it('without deterministicKeys, API keys are random and everything else is still byte-identical', async () => {
    const a = await script(inProcess(7, false));
    const b = await script(inProcess(7, false));
    const keys = (x: Answer[]) => [0, 1].map((i) => JSON.parse(x[i]!.text).agent.apiKey as string);
    expect(keys(a)[0]).not.toBe(keys(b)[0]);
    expect(keys(a)[1]).not.toBe(keys(b)[1]);
    // The keys (and the keyPrefix shown by /me) are the only difference: same ids, prices, fills, headers, problems.
    const mask = (x: Answer[]) => x.map((y) => ({ ...y, text: y.text.replace(/nx_(test|live)_[A-Za-z0-9]+/g, 'nx_$1_<key>') }));
    expect(mask(b)).toEqual(mask(a));
    const seeded = await script(inProcess(7));
    expect(mask(seeded).map((x) => x.text)).toEqual(mask(a).map((x) => x.text));
  });

  it('gives different prices (and books, candles, sentiment) for a different seed', async () => {
    const a = await script(inProcess(7));
    const b = await script(inProcess(8));
    for (const i of [2, 3, 4, 5]) expect(b[i]!.text, `answer ${i}`).not.toBe(a[i]!.text);
    const btc = (x: Answer[]) => JSON.parse(x[3]!.text).data[0].price as number;
    expect(btc(b)).not.toBe(btc(a));
  });
});

describe('determinism over real HTTP', () => {
  const running: RunningMock[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.close()));
  });

  it('two startMock servers answer the script with identical status, raw header lines and bodies', async () => {
    const [one, two] = await Promise.all([startMock({ port: 0, ...options(7) }), startMock({ port: 0, ...options(7) })]);
    running.push(one, two);
    expect(one.url).not.toBe(two.url);
    const a = await script(overHttp(one));
    const b = await script(overHttp(two));
    expect(a.map((x) => x.status)).toEqual(b.map((x) => x.status));
    expect(a.filter((x) => x.status >= 400).map((x) => x.status)).toEqual([400, 404, 401]);
    for (const [i, x] of a.entries()) {
      expect(b[i]!.text, `answer ${i}`).toBe(x.text);
      expect(b[i]!.headers, `answer ${i}`).toEqual(x.headers);
    }
    // Same bodies as the in-process mock: the transport changes nothing.
    const local = await script(inProcess(7));
    expect(a.map((x) => x.text)).toEqual(local.map((x) => x.text));
  });
});
