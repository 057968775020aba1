// The per-agent quota over HTTP (GCRA, 60/min by default): a burst of 60, the 61st refused with
// an honest Retry-After, one more per second after that, and the headers on every response to
// an identified agent. The clock is virtual: nothing here waits on the wall clock.
import { describe, expect, it } from 'vitest';
import { createTestMock } from '../helpers/test-mock.js';
import { expectProblem, restingLimit } from './support.js';

function quota(res: { headers: Record<string, string | string[] | undefined> }) {
  const rl = /^"default";r=(\d+);t=(\d+)$/.exec(String(res.headers['ratelimit']));
  const policy = /^"default";q=(\d+);w=(\d+)$/.exec(String(res.headers['ratelimit-policy']));
  expect(rl, 'RateLimit header').not.toBeNull();
  expect(policy, 'RateLimit-Policy header').not.toBeNull();
  return {
    r: Number(rl?.[1]),
    t: Number(rl?.[2]),
    q: Number(policy?.[1]),
    w: Number(policy?.[2]),
    limit: Number(res.headers['x-ratelimit-limit']),
    remaining: Number(res.headers['x-ratelimit-remaining']),
    reset: Number(res.headers['x-ratelimit-reset']),
  };
}

async function burst(call: ReturnType<typeof createTestMock>['call'], as: { apiKey: string; apiSecret: string }, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await call('GET', '/market?coins=BTC', { as }));
  return out;
}

describe('60 requests per minute per agent', () => {
  it('serves a burst of 60 with X-RateLimit-Remaining counting 59..0 and RateLimit agreeing', async () => {
    const { call, register } = createTestMock();
    const agent = await register();
    const responses = await burst(call, agent, 60);
    responses.forEach((res, i) => {
      expect(res.status).toBe(200);
      const q = quota(res);
      expect(q).toMatchObject({ remaining: 59 - i, r: 59 - i, limit: 60, q: 60, w: 60 });
      expect(q.reset).toBe(q.t);
      expect(q.reset).toBe(i + 1); // GCRA: each request adds one second of backlog
    });
  });

  it('refuses the 61st with 429 rate_limited, Retry-After in the header and the body', async () => {
    const { call, register } = createTestMock();
    const agent = await register();
    await burst(call, agent, 60);
    const res = await call('GET', '/market?coins=BTC', { as: agent });
    const problem = expectProblem(res, 429, 'rate_limited');
    const retryAfter = Number(res.headers['retry-after']);
    expect(String(retryAfter)).toBe(res.headers['retry-after']);
    expect(retryAfter).toBe(1);
    expect(problem.retryAfter).toBe(retryAfter);
    expect(quota(res)).toMatchObject({ remaining: 0, r: 0, limit: 60 });
  });

  it('accepts a request sent exactly Retry-After seconds later, but not 1 ms sooner', async () => {
    const { call, ctx, register } = createTestMock();
    const agent = await register();
    await burst(call, agent, 60);
    const refused = await call('GET', '/me', { as: agent });
    const retryMs = Number(refused.headers['retry-after']) * 1000;
    ctx.clock.advance(retryMs - 1);
    expectProblem(await call('GET', '/me', { as: agent }), 429, 'rate_limited');
    ctx.clock.advance(1);
    const ok = await call('GET', '/me', { as: agent });
    expect(ok.status).toBe(200);
    expect(ok.body.limits.rateLimit).toMatchObject({ limit: 60, windowSeconds: 60, remaining: 0, algorithm: 'gcra' });
  });

  it('then allows exactly one more request per second (no window edge to double the quota)', async () => {
    const { call, ctx, register } = createTestMock();
    const agent = await register();
    await burst(call, agent, 60);
    for (let second = 1; second <= 5; second++) {
      ctx.clock.advance(1000);
      expect((await call('GET', '/me', { as: agent })).status).toBe(200);
      const refused = await call('GET', '/me', { as: agent });
      expectProblem(refused, 429, 'rate_limited');
      expect(refused.headers['retry-after']).toBe('1');
    }
  });

  it('is fully restored after a quiet minute', async () => {
    const { call, ctx, register } = createTestMock();
    const agent = await register();
    await burst(call, agent, 60);
    ctx.clock.advance(60_000);
    const res = await call('GET', '/me', { as: agent });
    expect(quota(res)).toMatchObject({ remaining: 59, reset: 1 });
  });

  it('counts refused requests against nobody: a 429 does not push Retry-After further out', async () => {
    const { call, ctx, register } = createTestMock();
    const agent = await register();
    await burst(call, agent, 60);
    for (let i = 0; i < 10; i++) expect((await call('GET', '/me', { as: agent })).status).toBe(429);
    ctx.clock.advance(1000);
    expect((await call('GET', '/me', { as: agent })).status).toBe(200);
  });
});

describe('quotas are per agent', () => {
  it("leaves agent B untouched by agent A's burst", async () => {
    const { call, register } = createTestMock();
    const a = await register({ name: 'A' });
    const b = await register({ name: 'B' });
    await burst(call, a, 60);
    expect((await call('GET', '/me', { as: a })).status).toBe(429);
    const res = await call('GET', '/me', { as: b });
    expect(res.status).toBe(200);
    expect(quota(res).remaining).toBe(59);
  });
});

describe('the --rate-limit option', () => {
  it('sets the quota (rateLimit: 5): RateLimit-Policy q=5, the 6th refused with Retry-After 12', async () => {
    const { call, ctx, register } = createTestMock({ rateLimit: 5 });
    const agent = await register();
    const served = await burst(call, agent, 5);
    served.forEach((res, i) => expect(quota(res)).toMatchObject({ q: 5, w: 60, limit: 5, remaining: 4 - i }));
    const refused = await call('GET', '/me', { as: agent });
    expectProblem(refused, 429, 'rate_limited');
    expect(refused.headers['retry-after']).toBe('12');
    ctx.clock.advance(12_000);
    const me = await call('GET', '/me', { as: agent });
    expect(me.status).toBe(200);
    expect(me.body.agent.rateLimit).toBe('5 requests/min');
    expect(me.body.limits.rateLimit.limit).toBe(5);
  });
});

describe('rate-limit headers on every response to an identified agent', () => {
  it('are present and consistent on 2xx, 400, 403, 404 and 422 responses, each consuming one request', async () => {
    const { call, register } = createTestMock();
    const agent = await register({ permissions: ['read:market', 'write:orders'] });
    const responses = [
      [200, await call('GET', '/market', { as: agent })],
      [201, await call('POST', '/orders', { as: agent, body: restingLimit() })],
      [400, await call('POST', '/orders', { as: agent, body: { symbol: 'BTC' } })],
      [403, await call('GET', '/portfolio', { as: agent })],
      [404, await call('DELETE', '/orders/ord_nope', { as: agent })],
      [404, await call('GET', '/market/NOPE/orderbook', { as: agent })],
      [415, await call('POST', '/orders', { as: agent, body: 'symbol=BTC', headers: { 'content-type': 'text/plain' } })],
      [422, await call('POST', '/orders', { as: agent, body: restingLimit({ quantity: 1000 }) })],
    ] as const;
    responses.forEach(([status, res], i) => {
      expect(res.status, res.text).toBe(status);
      expect(quota(res)).toMatchObject({ limit: 60, q: 60, remaining: 59 - i, r: 59 - i });
    });
  });
});

describe('seeded defects change the behaviour visibly', () => {
  it('no-rate-limit: the 61st request is served', async () => {
    const { call, register } = createTestMock({ defects: ['no-rate-limit'] });
    const agent = await register();
    await burst(call, agent, 60);
    expect((await call('GET', '/me', { as: agent })).status).toBe(200);
  });

  it("rate-limit-per-address: agent A's burst exhausts agent B's quota", async () => {
    const { call, register } = createTestMock({ defects: ['rate-limit-per-address'] });
    const a = await register({ name: 'A' });
    const b = await register({ name: 'B' });
    await burst(call, a, 60);
    expect((await call('GET', '/me', { as: b })).status).toBe(429);
  });

  it('no-retry-after: the 429 carries no Retry-After header', async () => {
    const { call, register } = createTestMock({ defects: ['no-retry-after'] });
    const agent = await register();
    await burst(call, agent, 60);
    const res = await call('GET', '/me', { as: agent, unchecked: true });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeUndefined();
  });
});
