// Bad input over HTTP: every kind is a 4xx RFC 9457 problem with a stable code and the request
// id, and none of them changes the exchange's state.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { specProblems } from '../helpers/spec-check.js';
import { createTestMock } from '../helpers/test-mock.js';
import { expectProblem, marketOrder, sendRaw } from './support.js';

interface Case {
  name: string;
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** A pointer expected among `errors` (validation_failed). */
  pointer?: string;
  /** Text the detail or an issue message must contain. */
  mentions?: string;
}

const order = (fields: Record<string, unknown>) => JSON.stringify(marketOrder(fields));
const orderText = (quantity: string) => `{"symbol":"BTC","side":"buy","type":"market","quantity":${quantity}}`;

const cases: Case[] = [
  { name: 'malformed JSON', method: 'POST', path: '/orders', body: '{"symbol": "BTC",', status: 400, code: 'malformed_json' },
  { name: 'a text/plain body', method: 'POST', path: '/orders', body: order({}), headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported_media_type', mentions: 'text/plain' },
  { name: 'a form-urlencoded body', method: 'POST', path: '/orders', body: 'symbol=BTC&side=buy', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type', mentions: 'application/x-www-form-urlencoded' },
  { name: 'a body over 1 MiB', method: 'POST', path: '/orders', body: `{"pad":"${'x'.repeat(1024 * 1024)}"}`, status: 413, code: 'payload_too_large' },
  { name: 'invalid UTF-8 bytes', method: 'POST', path: '/orders', body: Buffer.concat([Buffer.from('{"symbol":"BT'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]), status: 400, code: 'malformed_json', mentions: 'UTF-8' },
  { name: 'an unknown field (qty)', method: 'POST', path: '/orders', body: JSON.stringify({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, qty: 0.01 }), status: 400, code: 'validation_failed', mentions: "'qty'" },
  { name: 'a number too large for a double (1e400)', method: 'POST', path: '/orders', body: orderText('1e400'), status: 400, code: 'validation_failed', pointer: '/quantity' },
  { name: 'a negative quantity', method: 'POST', path: '/orders', body: order({ quantity: -1 }), status: 400, code: 'validation_failed', pointer: '/quantity' },
  { name: 'a zero quantity', method: 'POST', path: '/orders', body: order({ quantity: 0 }), status: 400, code: 'validation_failed', pointer: '/quantity' },
  { name: 'the string "NaN" as quantity', method: 'POST', path: '/orders', body: order({ quantity: 'NaN' }), status: 400, code: 'validation_failed', pointer: '/quantity' },
  { name: 'the string "Infinity" as quantity', method: 'POST', path: '/orders', body: order({ quantity: 'Infinity' }), status: 400, code: 'validation_failed', pointer: '/quantity' },
  { name: 'the string "0.01" as quantity', method: 'POST', path: '/orders', body: order({ quantity: '0.01' }), status: 400, code: 'validation_failed', pointer: '/quantity' },
  { name: 'a bare NaN literal', method: 'POST', path: '/orders', body: orderText('NaN'), status: 400, code: 'malformed_json' },
  { name: 'a __proto__ key', method: 'POST', path: '/orders', body: `{"__proto__": {"polluted": 1}, ${orderText('0.001').slice(1)}`, status: 400, code: 'validation_failed', mentions: '__proto__' },
  { name: 'a constructor key', method: 'POST', path: '/orders', body: `{"constructor": {"prototype": {"polluted": 1}}, ${orderText('0.001').slice(1)}`, status: 400, code: 'validation_failed', mentions: 'constructor' },
  { name: 'a limit order without a price', method: 'POST', path: '/orders', body: JSON.stringify({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01 }), status: 400, code: 'validation_failed', pointer: '/price' },
  { name: 'a market order with a price', method: 'POST', path: '/orders', body: order({ price: 50_000 }), status: 400, code: 'validation_failed', pointer: '/price' },
  { name: 'an unknown symbol', method: 'POST', path: '/orders', body: order({ symbol: 'NOPE' }), status: 400, code: 'unknown_symbol' },
  { name: 'an empty body on POST /orders', method: 'POST', path: '/orders', status: 400, code: 'validation_failed' },
  { name: 'a JSON array body', method: 'POST', path: '/orders', body: '[]', status: 400, code: 'validation_failed' },
  { name: 'modifying an order that does not exist', method: 'PATCH', path: '/orders/ord_x', body: '{"price": 1100}', status: 404, code: 'order_not_found' },
  { name: 'duplicate query parameters', method: 'GET', path: '/market?coins=bitcoin&coins=ethereum', status: 400, code: 'validation_failed', pointer: 'coins' },
  { name: 'a query value outside its schema', method: 'GET', path: '/market/BTC/candles?limit=0', status: 400, code: 'validation_failed', pointer: 'limit' },
  { name: 'an unknown path', method: 'GET', path: '/nothing/here', status: 404, code: 'not_found' },
  { name: 'a path outside /v1/agent', method: 'GET', path: '/../../etc/passwd', status: 404, code: 'not_found' },
  { name: 'a wrong method', method: 'PUT', path: '/orders', body: order({}), status: 405, code: 'method_not_allowed' },
];

async function setup(options: Parameters<typeof createTestMock>[0] = {}) {
  const mock = createTestMock(options);
  const agent = await mock.register();
  return { ...mock, agent };
}

describe('bad requests are 4xx problems that leave state untouched', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const { app, call, ctx, agent } = await setup();
      const before = ctx.engine.snapshot();
      const headers = { 'content-type': 'application/json', ...c.headers };
      const res = Buffer.isBuffer(c.body)
        ? await sendRaw(app, 'post', `/v1/agent${c.path}`, c.body, { 'x-nx-key': agent.apiKey, ...headers })
        : await call(c.method, c.path, { as: agent, ...(c.body === undefined ? {} : { body: c.body, headers }) });
      expect(specProblems(c.method, c.path, res)).toEqual([]);
      const problem = expectProblem(res, c.status, c.code);
      if (c.pointer) expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: c.pointer })]));
      if (c.mentions) expect(JSON.stringify([problem.detail, problem.errors])).toContain(c.mentions);
      expect(ctx.engine.snapshot()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('405 names the allowed methods in Allow', async () => {
    const { call, agent } = await setup();
    const res = await call('PUT', '/orders', { as: agent });
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('POST, GET, HEAD');
    const one = await call('POST', '/orders/ord_1', { as: agent });
    expect(one.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
  });

  it('leaves the portfolio exactly as it was after all of them', async () => {
    const { app, call, agent } = await setup();
    const start = await call('GET', '/portfolio', { as: agent });
    for (const c of cases) {
      if (Buffer.isBuffer(c.body)) await sendRaw(app, 'post', `/v1/agent${c.path}`, c.body, { 'x-nx-key': agent.apiKey, 'content-type': 'application/json' });
      else await call(c.method, c.path, { as: agent, unchecked: true, ...(c.body === undefined ? {} : { body: c.body, headers: { 'content-type': 'application/json', ...c.headers } }) });
    }
    const end = await call('GET', '/portfolio', { as: agent });
    expect(end.body.data).toEqual(start.body.data);
    expect((await call('GET', '/orders', { as: agent })).body.data).toEqual([]);
  });
});

describe('a content encoding', () => {
  // The body is read as sent and refused after authentication, so the 415 carries the rate-limit
  // headers the spec requires, and an unknown key still gets 401 first.
  it('is refused with 415 carrying the rate-limit headers of the identified agent', async () => {
    const { call, agent } = await setup();
    const res = await call('POST', '/orders', { as: agent, body: order({}), headers: { 'content-encoding': 'gzip' } });
    expectProblem(res, 415, 'unsupported_media_type');
    expect(res.headers['x-ratelimit-remaining']).toBe('59');
  });

  it('does not hide a bad key: an unknown key with a gzip body gets 401', async () => {
    const { call } = await setup();
    const res = await call('POST', '/orders', { as: { apiKey: 'nx_test_unknown', apiSecret: 'x' }, body: order({}), headers: { 'content-encoding': 'gzip' } });
    expectProblem(res, 401, 'invalid_api_key');
  });
});

describe('valid edge cases are accepted', () => {
  it('a market order with "price": null, as the published client sends it → 201 filled', async () => {
    const { call, agent } = await setup();
    const res = await call('POST', '/orders', { as: agent, body: '{"symbol": "BTC", "side": "buy", "type": "market", "quantity": 0.001, "price": null}' });
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ type: 'market', price: null, status: 'filled', filledQuantity: 0.001 });
  });

  it('a market order without price, a lower-case coin id and a charset parameter → 201', async () => {
    const { call, agent } = await setup();
    const body = JSON.stringify({ symbol: 'bitcoin', side: 'buy', type: 'market', quantity: 0.001 });
    const res = await call('POST', '/orders', { as: agent, body, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(res.status).toBe(201);
    expect(res.body.order.symbol).toBe('BTC');
  });
});

describe('problem documents', () => {
  it('carry type, title, status, detail, code and a requestId equal to X-Request-Id', async () => {
    const { app, call, agent } = await setup();
    const seen = new Set<string>();
    for (const res of [
      await call('GET', '/me'),
      await call('GET', '/nope', { as: agent }),
      await call('POST', '/orders', { as: agent, body: '{' }),
      await request(app).get('/elsewhere'),
    ]) {
      const body = expectProblem(res, res.status, res.body.code);
      expect(body.requestId).toMatch(/^req_[0-9a-f]{16}$/);
      seen.add(body.requestId as string);
    }
    expect(seen.size).toBe(4);
  });

  it('plain-json-errors defect: errors become application/json {error, code}', async () => {
    const { call, agent } = await setup({ defects: ['plain-json-errors'] });
    const res = await call('POST', '/orders', { as: agent, body: '{', unchecked: true });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ code: 'malformed_json' });
    expect(typeof res.body.error).toBe('string');
    expect(res.body.type).toBeUndefined();
    expect(specProblems('POST', '/orders', res)).not.toEqual([]);
  });
});
