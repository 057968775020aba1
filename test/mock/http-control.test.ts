// The /__nx control API: info, reset, clock, price overrides, the journal and fault injection.
// Every control response is checked against openapi/control.yaml.
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestMock, T0 } from '../helpers/test-mock.js';
import { expectControlConforms, expectProblem } from './support.js';

const T0_MS = Date.parse(T0);

function setup(options: Parameters<typeof createTestMock>[0] = {}) {
  const mock = createTestMock(options);
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await mock.control(method, path, body);
    expectControlConforms(method, path, res);
    return res;
  };
  const btc = async (as: { apiKey: string; apiSecret: string }) => (await mock.call('GET', '/market?coins=BTC', { as })).body.data[0].price as number;
  return { ...mock, control, btc, demo: mock.ctx.demoAgents[0]! };
}

describe('GET /__nx/info and --no-control', () => {
  it('reports seed, clock, defects, rate limit and the demo agents by key only', async () => {
    const { control, ctx } = setup({ seed: 7, defects: ['wide-window'], rateLimit: 30 });
    const res = await control('GET', '/info');
    expect(res.body).toMatchObject({ seed: 7, defects: ['wide-window'], rateLimit: 30, clock: { kind: 'virtual', now: T0, nowMs: T0_MS } });
    expect(res.body.demoAgents).toEqual(ctx.demoAgents.map((d) => ({ agentId: d.agentId, mode: d.mode, apiKey: d.apiKey })));
    for (const d of ctx.demoAgents) expect(res.text).not.toContain(d.apiSecret);
  });

  it('is not mounted with control: false (404 problem)', async () => {
    const { app } = createTestMock({ control: false });
    const res = await request(app).get('/__nx/info');
    expectProblem(res, 404, 'not_found');
    expect(res.body.detail).not.toContain('control API');
  });
});

describe('POST /__nx/reset', () => {
  it('drops registered agents and their orders, and brings the demo agents back with the same keys', async () => {
    const { call, control, register, ctx, demo } = setup();
    const info = (await control('GET', '/info')).body;
    const agent = await register();
    expect((await call('POST', '/orders', { as: demo, body: { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: 1000 } })).status).toBe(201);
    ctx.clock.advance(5000);
    expect((await control('POST', '/reset')).status).toBe(204);
    expectProblem(await call('GET', '/me', { as: agent }), 401, 'invalid_api_key');
    expect((await control('GET', '/info')).body.demoAgents).toEqual(info.demoAgents);
    const me = await call('GET', '/me', { as: demo });
    expect(me.body.agent.id).toBe(demo.agentId);
    expect((await call('GET', '/orders', { as: demo })).body.data).toEqual([]);
    expect((await control('GET', '/clock')).body.nowMs).toBe(T0_MS + 5000);
  });

  it('clears the journal, faults, price overrides and rate-limit state', async () => {
    const { call, control, btc, demo } = setup({ rateLimit: 2 });
    const base = await btc(demo);
    await control('POST', '/market/BTC', { pin: 12_345 });
    await control('POST', '/faults', { operationId: 'getPortfolio', kind: 'error', status: 503 });
    expect(await btc(demo)).toBe(12_345);
    expectProblem(await call('GET', '/me', { as: demo }), 429, 'rate_limited');
    await control('POST', '/reset');
    expect((await control('GET', '/faults')).body.data).toEqual([]);
    expect((await control('GET', '/journal')).body).toMatchObject({ data: [], size: 0 });
    expect(await btc(demo)).toBe(base);
    expect((await call('GET', '/portfolio', { as: demo })).status).toBe(200);
  });
});

describe('the clock', () => {
  it('reads, advances and sets the virtual clock; API responses follow it', async () => {
    const { call, control, demo } = setup();
    expect((await control('GET', '/clock')).body).toEqual({ kind: 'virtual', now: T0, nowMs: T0_MS });
    expect((await control('POST', '/clock', { advanceMs: 60_000 })).body).toEqual({ kind: 'virtual', now: '2026-01-05T12:01:00.000Z', nowMs: T0_MS + 60_000 });
    const me = await call('GET', '/me', { as: demo });
    expect(me.headers.date).toBe(new Date(T0_MS + 60_000).toUTCString());
    expect((await control('POST', '/clock', { set: '2026-03-01T08:30:00.250Z' })).body.now).toBe('2026-03-01T08:30:00.250Z');
    expect((await control('POST', '/clock', { set: '2026-01-01T00:00:00+02:00' })).body.now).toBe('2025-12-31T22:00:00.000Z');
  });

  it('wants exactly one of set and advanceMs, and a valid instant', async () => {
    const { control } = setup();
    expectProblem(await control('POST', '/clock', { set: T0, advanceMs: 1 }), 400, 'validation_failed');
    expectProblem(await control('POST', '/clock', {}), 400, 'validation_failed');
    expectProblem(await control('POST', '/clock', { advanceMs: -1 }), 400, 'validation_failed');
    expectProblem(await control('POST', '/clock', { advanceMs: 1.5 }), 400, 'validation_failed');
    expectProblem(await control('POST', '/clock', { set: 'yesterday' }), 400, 'validation_failed');
    const micro = expectProblem(await control('POST', '/clock', { set: '2026-01-05T12:00:00.123456Z' }), 400, 'validation_failed');
    expect(micro.errors).toEqual([expect.objectContaining({ location: 'body', pointer: '/set' })]);
    expect((await control('GET', '/clock')).body.nowMs).toBe(T0_MS);
  });

  for (const clock of ['real', 'fixed:2026-01-05T12:00:00Z']) {
    it(`cannot move a ${clock.split(':')[0]} clock: 409 naming --clock virtual:`, async () => {
      const { control } = setup({ clock });
      const res = await control('POST', '/clock', { advanceMs: 1000 });
      expect(res.status).toBe(409);
      expect(res.body.detail).toContain('--clock virtual:');
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });
  }
});

describe('price overrides', () => {
  it('pins a price from now on, and DELETE restores the model path', async () => {
    const { call, control, btc, demo } = setup();
    const base = await btc(demo);
    const pinned = await control('POST', '/market/BTC', { pin: 50_000 });
    expect(pinned.body).toEqual({ symbol: 'BTC', price: 50_000, at: T0 });
    const ticker = (await call('GET', '/market?coins=bitcoin', { as: demo })).body.data[0];
    expect(ticker).toMatchObject({ price: 50_000, low24h: 50_000 });
    const cleared = await control('DELETE', '/market/btc');
    expect(cleared.body).toEqual({ symbol: 'BTC', price: base, at: T0 });
    expect(await btc(demo)).toBe(base);
  });

  it('shifts a price by a percentage, leaving other coins alone', async () => {
    const { call, control, btc, demo } = setup();
    const base = await btc(demo);
    const eth = (await call('GET', '/market?coins=ETH', { as: demo })).body.data[0].price;
    const shifted = await control('POST', '/market/BTC', { shiftPercent: -20 });
    expect(shifted.body.price).toBeCloseTo(base * 0.8, 2);
    expect(await btc(demo)).toBe(shifted.body.price);
    expect((await call('GET', '/market?coins=ETH', { as: demo })).body.data[0].price).toBe(eth);
  });

  it('rejects pin and shiftPercent together (400) and unknown coins (404)', async () => {
    const { control, btc, demo } = setup();
    const base = await btc(demo);
    const both = expectProblem(await control('POST', '/market/BTC', { pin: 1, shiftPercent: 5 }), 400, 'validation_failed');
    expect(both.detail).toMatch(/exactly one/);
    expectProblem(await control('POST', '/market/BTC', { shiftPercent: -100 }), 400, 'validation_failed');
    expectProblem(await control('POST', '/market/NOPE', { pin: 1 }), 404, 'not_found');
    expect(await btc(demo)).toBe(base);
  });
});

describe('the journal', () => {
  async function traffic() {
    const mock = setup();
    const live = await mock.register({ name: 'Journal Live', mode: 'live' });
    await mock.call('GET', '/me', { as: live });
    await mock.call('GET', '/market?coins=BTC', { as: live });
    await mock.call('POST', '/orders', { as: live, body: { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: 1000 } });
    await mock.call('GET', '/me', { as: mock.demo });
    return { ...mock, live };
  }

  it('filters by agentId, path, operationId, sinceSeq and limit', async () => {
    const { control, live, demo } = await traffic();
    const all = (await control('GET', '/journal')).body.data as Array<{ seq: number; agentId: string; operationId: string; path: string }>;
    expect(all.map((e) => e.operationId)).toEqual(['registerAgent', 'getMe', 'getMarket', 'placeOrder', 'getMe']);
    const byAgent = (await control('GET', `/journal?agentId=${live.agentId}`)).body.data;
    expect(byAgent.map((e: { operationId: string }) => e.operationId)).toEqual(['getMe', 'getMarket', 'placeOrder']);
    expect((await control('GET', `/journal?agentId=${demo.agentId}`)).body.data).toHaveLength(1);
    expect((await control('GET', '/journal?path=/v1/agent/orders')).body.data.map((e: { path: string }) => e.path)).toEqual(['/v1/agent/orders']);
    expect((await control('GET', '/journal?path=/v1/agent')).body.data).toHaveLength(5);
    expect((await control('GET', '/journal?operationId=getMe')).body.data).toHaveLength(2);
    const since = all[2]!.seq;
    expect((await control('GET', `/journal?sinceSeq=${since}`)).body.data.map((e: { seq: number }) => e.seq)).toEqual([since + 1, since + 2]);
    expect((await control('GET', '/journal?limit=2')).body.data.map((e: { seq: number }) => e.seq)).toEqual(all.slice(-2).map((e) => e.seq));
  });

  it('redacts X-NX-Signature, truncates X-NX-Key and contains no secret', async () => {
    const { control, live } = await traffic();
    const res = await control('GET', `/journal?agentId=${live.agentId}`);
    for (const entry of res.body.data) {
      expect(entry.requestHeaders['x-nx-signature']).toBe('[redacted]');
      expect(entry.requestHeaders['x-nx-key']).toBe(`${live.apiKey.slice(0, 12)}…`);
      expect(entry.requestHeaders['x-nx-timestamp']).toBe(String(T0_MS));
    }
    const all = await control('GET', '/journal');
    expect(all.text).not.toContain(live.apiSecret);
    for (const entry of all.body.data) expect(JSON.stringify(entry.requestHeaders)).not.toContain(live.apiKey);
  });

  it('keeps only the last journalSize entries', async () => {
    const { call, control, demo } = setup({ journalSize: 5 });
    for (let i = 0; i < 8; i++) await call('GET', `/market?coins=BTC&i=${i}`, { as: demo });
    const res = await control('GET', '/journal');
    expect(res.body).toMatchObject({ capacity: 5, size: 5 });
    expect(res.body.data.map((e: { query: string }) => e.query)).toEqual([3, 4, 5, 6, 7].map((i) => `coins=BTC&i=${i}`));
    expect((await control('DELETE', '/journal')).status).toBe(204);
    expect((await control('GET', '/journal')).body.data).toEqual([]);
  });
});

describe('fault injection', () => {
  it('answers 503 to the next 2 getMarket calls, then serves normally; other operations are untouched', async () => {
    const { call, control, btc, demo } = setup();
    const fault = await control('POST', '/faults', { operationId: 'getMarket', kind: 'error', status: 503, count: 2 });
    expect(fault.body).toMatchObject({ operationId: 'getMarket', kind: 'error', remaining: 2, hits: 0 });
    expect((await call('GET', '/me', { as: demo })).status).toBe(200);
    expectProblem(await call('GET', '/market', { as: demo }), 503, 'service_unavailable');
    expectProblem(await call('GET', '/market', { as: demo }), 503, 'service_unavailable');
    expect(await btc(demo)).toBeGreaterThan(0);
    expect((await control('GET', '/faults')).body.data).toEqual([expect.objectContaining({ remaining: 0, hits: 2 })]);
  });

  it('answers 500 internal_error on every operation with "*" until cleared', async () => {
    const { call, control, demo } = setup();
    await control('POST', '/faults', { operationId: '*', kind: 'error', status: 500 });
    expectProblem(await call('GET', '/me', { as: demo }), 500, 'internal_error');
    expectProblem(await call('POST', '/register', { body: { name: 'x', permissions: ['read:market'], mode: 'sandbox' } }), 500, 'internal_error');
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await call('GET', '/me', { as: demo })).status).toBe(200);
  });

  it('rejects an operationId the API does not have', async () => {
    const { control } = setup();
    const problem = expectProblem(await control('POST', '/faults', { operationId: 'getMarkets', kind: 'error' }), 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/operationId' })]);
    expect((await control('GET', '/faults')).body.data).toEqual([]);
  });

  it('delays a request by latencyMs (real time, for client time-outs)', async () => {
    const { call, control, demo } = setup();
    await control('POST', '/faults', { operationId: 'getMe', kind: 'latency', latencyMs: 30, count: 1 });
    const started = performance.now();
    const res = await call('GET', '/me', { as: demo });
    expect(performance.now() - started).toBeGreaterThanOrEqual(30);
    expect(res.status).toBe(200);
  });

  it('drops the connection without an answer', async () => {
    const { call, control, demo } = setup();
    await control('POST', '/faults', { operationId: 'getPortfolio', kind: 'drop', count: 1 });
    await expect(call('GET', '/portfolio', { as: demo })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await call('GET', '/portfolio', { as: demo })).status).toBe(200);
  });

  it('applies a seeded ratio deterministically: the same sequence on two fresh mocks', async () => {
    const run = async (seed: number) => {
      const { call, control, demo } = setup({ seed, rateLimit: 1000 });
      await control('POST', '/faults', { operationId: 'getMarket', kind: 'error', status: 502, ratio: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call('GET', '/market?coins=BTC', { as: demo, unchecked: true })).status);
      return statuses;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(502);
    expect(new Set(first)).toEqual(new Set([200, 502]));
  });
});
