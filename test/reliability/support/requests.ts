// fast-check arbitraries for requests to any operation of the spec, valid and invalid: random
// and malformed bodies, wrong types, huge and negative numbers, very long strings, invalid UTF-8,
// `__proto__`/`constructor` keys, duplicate query parameters, wrong content types, missing and
// doubled headers. A plan is pure data (so fast-check can shrink and print it); `materialize`
// turns it into bytes against the ids and agents that exist when it is sent.
import fc from 'fast-check';
import type { OperationDef } from '../../../src/rules/runtime.js';
import type { MockContext } from '../../../src/mock/http/mock-context.js';
import { signFor, type Credentials, type RawRequest } from './mock.js';

export type Auth =
  | 'sandbox'
  | 'sandbox-signed'
  | 'sandbox-half-signed'
  | 'live-signed'
  | 'live-unsigned'
  | 'live-bad-signature'
  | 'live-stale'
  | 'missing'
  | 'empty'
  | 'doubled'
  | 'unknown'
  | 'long';

export type PathArg = { known: number } | { literal: string };

export type BodyEncoding = 'json' | 'pretty' | 'bytes' | 'invalid-utf8' | 'truncated' | 'empty' | 'deep' | 'bom' | 'oversize' | 'number-literal';

export interface BodyPlan {
  /** Key/value pairs, serialised in order (so duplicate and `__proto__` keys survive). */
  entries: Array<[string, unknown]> | null;
  /** A whole JSON value instead of an object (arrays, strings, numbers, null). */
  value?: unknown;
  encoding: BodyEncoding;
  bytes?: number[];
}

export interface RequestPlan {
  operationId: string;
  method: string;
  pathArgs: Record<string, PathArg>;
  /** Raw `name=value` pairs, already percent-encoded (or deliberately not). */
  query: Array<[string, string]>;
  auth: Auth;
  contentType: string | string[] | null;
  body: BodyPlan | null;
}

// ---- values -------------------------------------------------------------------------------

const LONG = 'x'.repeat(10_000);
const weirdString = fc.oneof(
  fc.constantFrom('', ' ', 'BTC', 'btc', 'bitcoin', 'XYZ', 'BTC/USD', '__proto__', 'constructor', 'null', '0', '-1', '1e400', LONG, '\u0000', '\ud83d\ude80', 'e\u0301', '<script>', "' OR 1=1 --"),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ maxLength: 24 }),
);
const weirdNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 1e-12, 1e-9, 0.001, 0.00001, 1e9, 1e9 + 1, 1e12, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 5e-324, 123456.789),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: weirdNumber },
  { weight: 3, arbitrary: weirdString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [1, 2], { nested: { deeper: [null] } }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const oneOfOr = <T>(good: fc.Arbitrary<T>, goodWeight = 4) => fc.oneof({ weight: goodWeight, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: weirdValue });

const symbols = fc.constantFrom('BTC', 'ETH', 'DOGE', 'SOL', 'bitcoin', 'ethereum');
const goodQuantity = fc.constantFrom(0.00001, 0.0001, 0.001, 0.01, 0.1, 1, 10, 1000, 100_000);
const goodPrice = fc.constantFrom(0.1, 1, 100, 1000, 3000, 50_000, 90_000, 95_000, 100_000, 1e6);

const orderEntries = fc.record(
  {
    symbol: oneOfOr(symbols),
    side: oneOfOr(fc.constantFrom('buy', 'sell')),
    type: oneOfOr(fc.constantFrom('market', 'limit')),
    quantity: oneOfOr(goodQuantity),
    price: oneOfOr(fc.oneof(fc.constant(null), goodPrice)),
    clientOrderId: oneOfOr(fc.constantFrom('c1', 'c2', 'retry-1', 'a.b:c_d-e')),
  },
  { requiredKeys: [] },
);
const modifyEntries = fc.record({ quantity: oneOfOr(goodQuantity), price: oneOfOr(goodPrice) }, { requiredKeys: [] });
const registerEntries = fc.record(
  {
    name: oneOfOr(fc.constantFrom('bot', 'Fuzz Bot', 'x'.repeat(100), 'x'.repeat(101))),
    permissions: oneOfOr(fc.subarray(['read:market', 'read:portfolio', 'write:orders', 'read:sentiment', 'read:social', 'write:webhook', 'admin'])),
    mode: oneOfOr(fc.constantFrom('sandbox', 'live')),
    dailyLossLimit: oneOfOr(fc.constantFrom(null, 100, 5000, 1e9, 1e9 + 1)),
    maxPositionSize: oneOfOr(fc.constantFrom(null, 100, 50_000, 1e9)),
  },
  { requiredKeys: [] },
);
const webhookEntries = fc.record(
  {
    // Loopback targets only (the fuzz mock refuses others): deliveries fail fast, nothing leaves the machine.
    url: oneOfOr(fc.constantFrom('http://127.0.0.1:9/hook', 'http://localhost:9/x', 'https://example.com/hook', 'ftp://127.0.0.1/x', 'not a url', `http://127.0.0.1:9/${'p'.repeat(3000)}`)),
    events: oneOfOr(fc.subarray(['order.created', 'order.filled', 'order.partially_filled', 'order.canceled', 'order.rejected', 'circuit_breaker.tripped', 'circuit_breaker.reset', 'order.exploded'])),
    description: oneOfOr(fc.constantFrom(null, 'mine', 'x'.repeat(201))),
  },
  { requiredKeys: [] },
);

/** Extra keys that must never be accepted silently or reach an object's prototype. */
const hostileEntries = fc.array(
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'qty', 'symbol', 'toString', 'hasOwnProperty', ''), fc.oneof(weirdValue, fc.constant({ polluted: true }))),
  { maxLength: 2 },
);

const structuredBody: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  placeOrder: orderEntries,
  modifyOrder: modifyEntries,
  registerAgent: registerEntries,
  createWebhook: webhookEntries,
};

function bodyPlan(op: OperationDef): fc.Arbitrary<BodyPlan | null> {
  const structured = structuredBody[op.operationId] ?? fc.dictionary(weirdString, weirdValue, { maxKeys: 3 });
  const entries = fc.tuple(structured, hostileEntries).map(([obj, extra]) => [...Object.entries(obj), ...extra] as Array<[string, unknown]>);
  const hasBody = op.requestBody !== null;
  const encodings: BodyEncoding[] = hasBody
    ? ['json', 'json', 'json', 'json', 'pretty', 'bytes', 'invalid-utf8', 'truncated', 'empty', 'deep', 'bom', 'number-literal', 'oversize']
    : ['json', 'bytes', 'invalid-utf8', 'empty'];
  const plan = fc.record({
    entries: fc.oneof({ weight: 5, arbitrary: entries }, { weight: 1, arbitrary: fc.constant(null) }),
    value: fc.jsonValue({ maxDepth: 2 }),
    encoding: fc.constantFrom(...encodings),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
  });
  // Operations without a body mostly get none (a body there is still signed and must not break anything).
  return hasBody ? plan : fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: plan });
}

const contentTypes = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<string | null>(
      null,
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/problem+json',
      'application/jsonx',
      '',
    ),
  },
);

const auths = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Auth>('sandbox', 'live-signed') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Auth>('sandbox-signed', 'sandbox-half-signed', 'live-unsigned', 'live-bad-signature', 'live-stale', 'missing', 'empty', 'doubled', 'unknown', 'long'),
  },
);

const queryValue = fc.oneof(
  fc.constantFrom('bitcoin', 'bitcoin,ethereum', 'BTC', 'open', 'open,filled', 'filled', '1', '5', '20', '100', '101', '0', '-1', '1e400', '1.5', '', 'true', '%FF', '%', '%E0%A4%A', '__proto__', '1m', '1h', '7d', 'abc_123'),
  // Long, but the request line and headers stay under the 16 KiB header limit (431 has its own test).
  fc.constant(encodeURIComponent(LONG.slice(0, 1000))),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
function queryPlan(op: OperationDef): fc.Arbitrary<Array<[string, string]>> {
  const shape = (op.params.query as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const names = [...Object.keys(shape), '__proto__', 'constructor', 'toString', 'x'];
  return fc.array(fc.tuple(fc.constantFrom(...names), queryValue), { maxLength: 4 });
}

const pathLiteral = fc.constantFrom('BTC', 'eth', 'bitcoin', 'XYZ', 'ord_missing', 'wh_missing', '__proto__', 'constructor', 'A'.repeat(65), 'A'.repeat(500), '%00', '%E2%82%BF', '%FF', 'a%2Fb', '-', '_');
const pathArgs = (op: OperationDef): fc.Arbitrary<Record<string, PathArg>> => {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const arg = fc.oneof({ weight: 2, arbitrary: fc.nat({ max: 20 }).map((known): PathArg => ({ known })) }, { weight: 1, arbitrary: pathLiteral.map((literal): PathArg => ({ literal })) });
  return fc.record(Object.fromEntries(names.map((n) => [n, arg]))) as fc.Arbitrary<Record<string, PathArg>>;
};

export function requestPlan(op: OperationDef): fc.Arbitrary<RequestPlan> {
  return fc.record({
    operationId: fc.constant(op.operationId),
    method: fc.oneof({ weight: 12, arbitrary: fc.constant(op.method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT') }),
    pathArgs: pathArgs(op),
    query: queryPlan(op),
    auth: auths,
    contentType: contentTypes,
    body: bodyPlan(op),
  });
}

// ---- bytes ---------------------------------------------------------------------------------

function jsonText(plan: BodyPlan, pretty: boolean): string {
  if (plan.entries === null) return JSON.stringify(plan.value) ?? 'null';
  const sep = pretty ? ',\n  ' : ',';
  const kv = plan.entries.map(([k, v]) => `${JSON.stringify(k)}:${pretty ? ' ' : ''}${JSON.stringify(v) ?? 'null'}`);
  return pretty ? `{\n  ${kv.join(sep)}\n}\n` : `{${kv.join(sep)}}`;
}

export function bodyBytes(plan: BodyPlan, limit: number): Buffer {
  const text = () => jsonText(plan, false);
  switch (plan.encoding) {
    case 'json':
      return Buffer.from(text());
    case 'pretty':
      return Buffer.from(jsonText(plan, true));
    case 'bytes':
      return Buffer.from(plan.bytes ?? []);
    case 'invalid-utf8': {
      const t = text();
      const cut = Math.max(1, Math.floor(t.length / 2));
      return Buffer.concat([Buffer.from(t.slice(0, cut)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(t.slice(cut))]);
    }
    case 'truncated':
      return Buffer.from(text().slice(0, Math.max(0, text().length - 2)));
    case 'empty':
      return Buffer.alloc(0);
    case 'deep':
      return Buffer.from(`${'['.repeat(5_000)}${']'.repeat(5_000)}`);
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text())]);
    case 'number-literal': {
      // Literals JSON.stringify never writes: an overflowing exponent, a negative zero, an escaped NUL.
      const t = text();
      if (!t.startsWith('{')) return Buffer.from(t);
      const inner = t.slice(1, -1);
      return Buffer.from(`{${inner ? `${inner},` : ''}"quantity":1e400,"price":-0,"clientOrderId":"\\u0000"}`);
    }
    case 'oversize':
      return Buffer.from(`{"pad":"${'x'.repeat(limit)}"}`);
  }
}

export interface Known {
  orders: string[];
  webhooks: string[];
}

export interface Agents {
  sandbox: Credentials;
  live: Credentials;
}

/** Turns a plan into the request to send now (current ids, the clock's time for signatures). */
export function materialize(ctx: MockContext, op: OperationDef, plan: RequestPlan, known: Known, agents: Agents): RawRequest {
  let path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const arg = plan.pathArgs[name];
    if (!arg) return 'x';
    if ('literal' in arg) return arg.literal;
    const pool = name === 'webhookId' ? known.webhooks : known.orders;
    return pool.length === 0 ? 'ord_none' : (pool[arg.known % pool.length] as string);
  });
  if (plan.query.length > 0) path += `?${plan.query.map(([k, v]) => `${k}=${v}`).join('&')}`;
  // Any request may carry an oversized body: the spec documents 413 on every operation.
  const body = plan.body === null ? undefined : bodyBytes(plan.body, ctx.options.bodyLimit);
  const headers: Record<string, string | string[]> = {};
  if (plan.contentType !== null && body !== undefined) headers['content-type'] = plan.contentType;
  const method = plan.method;
  switch (plan.auth) {
    case 'sandbox':
      headers['x-nx-key'] = agents.sandbox.apiKey;
      break;
    case 'sandbox-signed':
      Object.assign(headers, signFor(ctx, agents.sandbox, method, path, body));
      break;
    case 'sandbox-half-signed':
      headers['x-nx-key'] = agents.sandbox.apiKey;
      headers['x-nx-timestamp'] = String(ctx.clock.now());
      break;
    case 'live-signed':
      Object.assign(headers, signFor(ctx, agents.live, method, path, body));
      break;
    case 'live-unsigned':
      headers['x-nx-key'] = agents.live.apiKey;
      break;
    case 'live-bad-signature':
      Object.assign(headers, signFor(ctx, agents.live, method, path, body), { 'x-nx-signature': 'ab'.repeat(32) });
      break;
    case 'live-stale': {
      const stale = signFor(ctx, agents.live, method, path, body);
      headers['x-nx-key'] = agents.live.apiKey;
      headers['x-nx-timestamp'] = String(ctx.clock.now() - 31_000);
      headers['x-nx-signature'] = stale['x-nx-signature'] as string;
      break;
    }
    case 'missing':
      break;
    case 'empty':
      headers['x-nx-key'] = '';
      break;
    case 'doubled':
      headers['x-nx-key'] = [agents.sandbox.apiKey, agents.sandbox.apiKey];
      break;
    case 'unknown':
      headers['x-nx-key'] = 'nx_test_00000000000000000000000000000000';
      break;
    case 'long':
      headers['x-nx-key'] = `nx_test_${'A'.repeat(8_000)}`;
      break;
  }
  return { method, path, headers, body };
}

/** Ids a successful answer creates, so later requests can address them. */
export function learn(known: Known, status: number, text: string): void {
  if (status >= 300 || text === '') return;
  try {
    const body = JSON.parse(text) as { order?: { orderId?: string }; webhook?: { id?: string }; data?: Array<{ orderId?: string }> };
    if (body.order?.orderId && !known.orders.includes(body.order.orderId)) known.orders.push(body.order.orderId);
    if (body.webhook?.id && !known.webhooks.includes(body.webhook.id)) known.webhooks.push(body.webhook.id);
  } catch {
    // not JSON: nothing to learn
  }
}
