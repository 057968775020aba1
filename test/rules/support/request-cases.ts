// The raw requests of the verdict suite: every signing vector of fixtures/signing, and requests
// generated with fast-check that cross every rule (routes and methods, keys, signing mistakes,
// the time window, quotas, permissions, query, content type, charset, encoding and body).
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { loadVectors } from '../../signing/load-vectors.js';
import type { WireRequest, WorldAgent } from './verdict-world.js';
import { BODY_LIMIT } from './verdict-world.js';

const API = '/v1/agent';
const ORDER = 'ord_0123456789abcdef01234567';

interface Route {
  method: string;
  path: string;
  /** A valid query for the operation ('' when it takes none). */
  query: string;
  /** A valid body for the operation, or null when it takes none. */
  body: unknown;
}

const ROUTES: Route[] = [
  { method: 'POST', path: '/register', query: '', body: { name: 'Verdict Bot', permissions: ['read:market'], mode: 'sandbox' } },
  { method: 'GET', path: '/me', query: '', body: null },
  { method: 'GET', path: '/market', query: 'coins=bitcoin', body: null },
  { method: 'GET', path: '/market/BTC/orderbook', query: 'depth=5', body: null },
  { method: 'GET', path: '/market/ETH/candles', query: 'interval=1h&limit=3', body: null },
  { method: 'GET', path: '/portfolio', query: '', body: null },
  { method: 'POST', path: '/orders', query: '', body: { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null } },
  { method: 'GET', path: '/orders', query: 'limit=2&status=open', body: null },
  { method: 'GET', path: `/orders/${ORDER}`, query: '', body: null },
  { method: 'PATCH', path: `/orders/${ORDER}`, query: '', body: { price: 1000 } },
  { method: 'DELETE', path: `/orders/${ORDER}`, query: '', body: null },
  { method: 'GET', path: '/sentiment', query: 'coins=bitcoin', body: null },
  { method: 'GET', path: '/social/feed', query: 'limit=2', body: null },
  { method: 'POST', path: '/webhooks', query: '', body: { url: 'https://example.com/hook', events: ['order.filled'] } },
  { method: 'GET', path: '/webhooks', query: '', body: null },
  { method: 'DELETE', path: '/webhooks/wh_0123456789abcdef0123', query: '', body: null },
  // Routing: HEAD as GET, wrong methods, unknown paths, bad path parameters, outside the base.
  { method: 'HEAD', path: '/market', query: '', body: null },
  { method: 'HEAD', path: '/register', query: '', body: null },
  { method: 'PUT', path: '/orders', query: '', body: null },
  { method: 'GET', path: '/nothing', query: '', body: null },
  { method: 'GET', path: '/market/', query: '', body: null },
  { method: 'GET', path: '/market/BT%ZZ/orderbook', query: '', body: null },
  { method: 'GET', path: '/orders/not%20an%20id', query: '', body: null },
  { method: 'DELETE', path: '/webhooks/%E2%82%AC', query: '', body: null },
  { method: 'GET', path: 'x/market', query: '', body: null },
];

const QUERIES = ['valid', 'none', 'unknown', 'bad-value', 'duplicate', 'bad-encoding'] as const;
const BODIES = ['valid', 'unknown-field', 'malformed', 'invalid-utf8', 'text-plain', 'latin1', 'utf8-charset', 'gzip', 'empty', 'json-on-bodiless', 'oversized'] as const;
const WHO = ['none', 'empty-key', 'malformed-key', 'unknown-key', 'repeated-key', 0, 1, 2, 3] as const;
const SIGNING = [
  'auto', 'auto', 'auto', 'sign', 'none', 'empty-signature', 'empty-signature-only', 'empty-timestamp', 'missing-timestamp', 'missing-signature',
  'ts-non-numeric', 'ts-seconds', 'ts-ahead-31s', 'ts-behind-29s', 'wrong-secret', 'full-path', 'query-signed', 'uppercase', 'base64', 'malformed',
] as const;

export interface CaseTemplate {
  advanceMs: number;
  route: number;
  query: (typeof QUERIES)[number];
  body: (typeof BODIES)[number];
  who: (typeof WHO)[number];
  signing: (typeof SIGNING)[number];
}

const weighted = <T>(values: readonly T[], common: readonly T[]) => fc.oneof({ arbitrary: fc.constantFrom(...common), weight: 3 }, { arbitrary: fc.constantFrom(...values), weight: 2 });

export const caseTemplate: fc.Arbitrary<CaseTemplate> = fc.record({
  advanceMs: fc.constantFrom(0, 0, 5, 250, 1_000, 20_000, 61_000),
  route: fc.nat({ max: ROUTES.length - 1 }),
  query: weighted(QUERIES, ['valid']),
  body: fc.oneof(
    { arbitrary: weighted<CaseTemplate['body']>(BODIES.filter((b) => b !== 'oversized'), ['valid']), weight: 60 },
    { arbitrary: fc.constant<CaseTemplate['body']>('oversized'), weight: 1 },
  ),
  who: weighted(WHO, [0, 1, 2, 3]),
  signing: fc.constantFrom(...SIGNING),
});

function queryOf(route: Route, kind: CaseTemplate['query']): string {
  switch (kind) {
    case 'valid': return route.query;
    case 'none': return '';
    case 'unknown': return route.query === '' ? 'coin=bitcoin' : `${route.query}&coin=bitcoin`;
    case 'bad-value': return 'limit=0&depth=abc&coins=%20';
    case 'duplicate': return 'limit=1&limit=2';
    case 'bad-encoding': return 'coins=%ZZ';
  }
}

function bodyOf(route: Route, kind: CaseTemplate['body']): { body: Buffer; contentType?: string; encoding?: string } {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  if (route.body === null) {
    if (kind === 'json-on-bodiless') return { body: json({}), contentType: 'application/json' };
    if (kind === 'oversized') return { body: Buffer.alloc(BODY_LIMIT + 1, 0x20), contentType: 'application/json' };
    return { body: Buffer.alloc(0) };
  }
  const valid = json(route.body);
  switch (kind) {
    case 'valid': case 'json-on-bodiless': return { body: valid, contentType: 'application/json' };
    case 'unknown-field': return { body: json({ ...(route.body as object), qty: 1 }), contentType: 'application/json' };
    case 'malformed': return { body: Buffer.from('{"symbol": "BTC",'), contentType: 'application/json' };
    case 'invalid-utf8': return { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), contentType: 'application/json' };
    case 'text-plain': return { body: valid, contentType: 'text/plain' };
    case 'latin1': return { body: valid, contentType: 'application/json; charset=latin1' };
    case 'utf8-charset': return { body: valid, contentType: 'application/json; charset=UTF-8' };
    case 'gzip': return { body: valid, contentType: 'application/json', encoding: 'gzip' };
    case 'empty': return { body: Buffer.alloc(0), contentType: 'application/json' };
    case 'oversized': return { body: Buffer.alloc(BODY_LIMIT + 1, 0x20), contentType: 'application/json' };
  }
}

const hmac = (secret: string, text: Buffer) => createHmac('sha256', secret).update(text);

function signingHeaders(t: CaseTemplate, agent: WorldAgent, other: WorldAgent, req: { at: number; method: string; path: string; query: string; body: Buffer }): Record<string, string> {
  const ts = String(req.at);
  const signed = (secret: string, timestamp: string, path: string) => hmac(secret, Buffer.concat([Buffer.from(`${timestamp}${req.method}${path}`), req.body]));
  const hex = (timestamp = ts, path = req.path.slice(API.length), secret = agent.apiSecret) => signed(secret, timestamp, path).digest('hex');
  const both = (timestamp: string, signature: string) => ({ 'x-nx-timestamp': timestamp, 'x-nx-signature': signature });
  switch (t.signing) {
    case 'auto': return agent.mode === 'live' ? both(ts, hex()) : {};
    case 'sign': return both(ts, hex());
    case 'none': return {};
    case 'empty-signature': return both(ts, '');
    // SIGNING.md: an empty header counts as missing, so this sandbox request is unsigned (200).
    case 'empty-signature-only': return { 'x-nx-signature': '' };
    case 'empty-timestamp': return both('', hex(''));
    case 'missing-timestamp': return { 'x-nx-signature': hex() };
    case 'missing-signature': return { 'x-nx-timestamp': ts };
    case 'ts-non-numeric': return both('17e11', hex('17e11'));
    case 'ts-seconds': {
      const seconds = String(Math.floor(req.at / 1000));
      return both(seconds, hex(seconds));
    }
    case 'ts-ahead-31s': return both(String(req.at + 31_000), hex(String(req.at + 31_000)));
    case 'ts-behind-29s': return both(String(req.at - 29_000), hex(String(req.at - 29_000)));
    case 'wrong-secret': return both(ts, hex(ts, req.path.slice(API.length), other.apiSecret));
    case 'full-path': return both(ts, hex(ts, req.path));
    case 'query-signed': return both(ts, hex(ts, `${req.path.slice(API.length)}${req.query ? `?${req.query}` : ''}`));
    case 'uppercase': return both(ts, hex().toUpperCase());
    case 'base64': return both(ts, signed(agent.apiSecret, ts, req.path.slice(API.length)).digest('base64'));
    case 'malformed': return both(ts, 'abc');
  }
}

/** The request a template stands for, sent at `at` by the world's agents. */
export function materialize(t: CaseTemplate, at: number, agents: readonly WorldAgent[]): WireRequest {
  const route = ROUTES[t.route] as Route;
  const path = route.path.startsWith('/') ? `${API}${route.path}` : `/v1/agent${route.path}`;
  const query = queryOf(route, t.query);
  const { body, contentType, encoding } = bodyOf(route, t.body);
  const headers: Record<string, string | string[]> = {};
  if (contentType) headers['content-type'] = contentType;
  if (encoding) headers['content-encoding'] = encoding;
  if (t.who === 'empty-key') headers['x-nx-key'] = '';
  else if (t.who === 'malformed-key') headers['x-nx-key'] = 'abc';
  else if (t.who === 'unknown-key') headers['x-nx-key'] = 'nx_test_NoSuchAgent0123456789';
  else if (t.who === 'repeated-key') headers['x-nx-key'] = [(agents[0] as WorldAgent).apiKey, (agents[1] as WorldAgent).apiKey];
  else if (typeof t.who === 'number') {
    const agent = agents[t.who] as WorldAgent;
    headers['x-nx-key'] = agent.apiKey;
    Object.assign(headers, signingHeaders(t, agent, agents[(t.who + 1) % 4] as WorldAgent, { at, method: route.method, path, query, body }));
  }
  return { at, method: route.method, path, query, headers, body };
}

/**
 * A burst at one instant past a quota: an agent's (61 × GET /me), the address's registrations
 * (31 × POST /register), or the failed-authentication budgets (a bad signature on one key, an
 * unknown key from the address), in turn.
 */
function burst(index: number, at: number, agents: readonly WorldAgent[]): WireRequest[] {
  const base = { advanceMs: 0, query: 'valid', body: 'valid', signing: 'auto' } as const;
  const agent = ([0, 1, 2, 3] as const)[index % 4] ?? 0;
  const kinds: [CaseTemplate, number][] = [
    [{ ...base, route: 1, who: agent }, 61],
    [{ ...base, route: 0, who: 'none' }, 31],
    [{ ...base, route: 2, who: agent, signing: 'wrong-secret' }, 31],
    [{ ...base, route: 2, who: 'unknown-key' }, 61],
  ];
  const [template, count] = kinds[index % kinds.length] ?? [{ ...base, route: 1, who: agent }, 61];
  return Array.from({ length: count }, () => materialize(template, at, agents));
}

/**
 * `count` requests drawn with a fixed seed, each a little later than the one before, with a
 * burst every 75 that runs into a quota.
 */
export function generatedRequests(count: number, startAt: number, agents: readonly WorldAgent[], seed = 11): WireRequest[] {
  let at = startAt;
  return fc.sample(caseTemplate, { seed, numRuns: count }).flatMap((t, i) => {
    at += t.advanceMs;
    const one = materialize(t, at, agents);
    return i % 75 === 50 ? [...burst(Math.floor(i / 75), at, agents), one] : [one];
  });
}

/** Every signing vector as the request its request.http holds, at its own timestamp. */
export function vectorRequests(): (WireRequest & { name: string })[] {
  return loadVectors()
    .map((v) => {
      const text = v.request.toString('latin1');
      const head = text.slice(0, text.indexOf('\r\n\r\n'));
      const [requestLine = '', ...lines] = head.split('\r\n');
      const [method = 'GET', target = '/'] = requestLine.split(' ');
      const q = target.indexOf('?');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).toLowerCase();
        if (name !== 'host' && name !== 'content-length') headers[name] = line.slice(colon + 1).trim();
      }
      return { name: v.name, at: Number(v.case.timestamp), method, path: q === -1 ? target : target.slice(0, q), query: q === -1 ? '' : target.slice(q + 1), headers, body: v.body };
    })
    .sort((a, b) => a.at - b.at);
}
