// The control operations the dashboard reads: agents (with quota, portfolio, breakers, orders and
// equity over time), markets, request rates and removing one fault. Every response is checked
// against openapi/control.yaml, and none may carry a secret or a full API key.
import { describe, expect, it } from 'vitest';
import { createTestMock, T0 } from '../helpers/test-mock.js';
import { expectControlConforms, expectProblem, hmacHex, marketOrder, restingLimit } from '../mock/support.js';

function setup(options: Parameters<typeof createTestMock>[0] = {}) {
  const mock = createTestMock(options);
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await mock.control(method, path, body);
    expectControlConforms(method, path, res);
    return res;
  };
  return { ...mock, control };
}

describe('GET /__nx/agents', () => {
  it('lists each agent with its quota, portfolio, breakers and order counts, by key prefix only', async () => {
    const { call, control, register } = setup();
    const bot = await register({ name: 'Chart Bot' });
    await call('POST', '/orders', { as: bot, body: marketOrder() });
    await call('POST', '/orders', { as: bot, body: restingLimit() });
    const res = await control('GET', '/agents');
    const listed = res.body.data.find((a: { agentId: string }) => a.agentId === bot.agentId);
    expect(listed).toMatchObject({
      name: 'Chart Bot',
      mode: 'sandbox',
      keyPrefix: bot.apiKey.slice(0, 12),
      createdAt: T0,
      rateLimit: { limit: 60, remaining: 58 },
      orderCounts: { total: 2, open: 1 },
      breakers: { dailyLoss: { tripped: false } },
    });
    expect(listed.portfolio.positions).toEqual([expect.objectContaining({ symbol: 'BTC', quantity: 0.001 })]);
    expect(listed.portfolio.pnl).toBeCloseTo(listed.portfolio.totalValue - 100_000, 6);
    expect(res.body.total).toBe(3); // the two demo agents and ours
    expect(res.text).not.toContain(bot.apiKey);
    expect(res.text).not.toContain(bot.apiSecret);
  });

  it('reads the quota without spending it', async () => {
    const { control, register, call } = setup();
    const bot = await register();
    await call('GET', '/me', { as: bot });
    const remaining = async () => (await control('GET', '/agents')).body.data.find((a: { agentId: string }) => a.agentId === bot.agentId).rateLimit.remaining;
    expect(await remaining()).toBe(59);
    expect(await remaining()).toBe(59);
  });

  it('returns the newest `limit` agents and the total', async () => {
    const { control, register } = setup();
    const newest = await register({ name: 'Newest' });
    const res = await control('GET', '/agents?limit=1');
    expect(res.body.data.map((a: { agentId: string }) => a.agentId)).toEqual([newest.agentId]);
    expect(res.body.total).toBe(3);
  });
});

describe('GET /__nx/agents/{agentId}', () => {
  it('gives orders with fills, and equity from the starting cash at creation to totalValue now', async () => {
    const { call, control, register, ctx } = setup();
    const bot = await register();
    ctx.clock.advance(60_000);
    const order = (await call('POST', '/orders', { as: bot, body: marketOrder({ quantity: 0.01 }) })).body.order;
    ctx.clock.advance(60_000);
    const res = await control('GET', `/agents/${bot.agentId}?points=3`);
    expect(res.body.orders).toHaveLength(1);
    expect(res.body.orders[0]).toMatchObject({ orderId: order.orderId, status: 'filled', fills: [expect.objectContaining({ quantity: 0.01 })] });
    const equity = res.body.equity as Array<{ at: string; equity: number; pnl: number }>;
    expect(equity.map((p) => p.at)).toEqual([T0, new Date(Date.parse(T0) + 60_000).toISOString(), new Date(Date.parse(T0) + 120_000).toISOString()]);
    expect(equity[0]).toMatchObject({ equity: 100_000, pnl: 0 });
    // After the buy: cash fell by notional and fee, the position is marked at the mid.
    expect(equity[1]!.equity).toBeLessThan(100_000);
    const portfolio = (await call('GET', '/portfolio', { as: bot })).body.data;
    expect(equity[2]!.equity).toBe(portfolio.totalValue);
    expect(res.body.agent.portfolio.totalValue).toBe(portfolio.totalValue);
  });

  it('gives one equity point while the clock has not moved since the agent was created', async () => {
    const { control, register } = setup();
    const bot = await register();
    expect((await control('GET', `/agents/${bot.agentId}`)).body.equity).toEqual([{ at: T0, equity: 100_000, pnl: 0 }]);
  });

  it('answers 404 for an unknown agent and 400 for a bad query', async () => {
    const { control } = setup();
    expectProblem(await control('GET', '/agents/agent_nope'), 404, 'not_found');
    expectProblem(await control('GET', '/agents/agent_nope?points=1'), 400, 'validation_failed');
  });
});

describe('GET /__nx/market and /__nx/market/{symbol}', () => {
  it('lists each coin with its price and active overrides', async () => {
    const { control } = setup();
    await control('POST', '/market/ETH', { pin: 1234 });
    const coins = (await control('GET', '/market')).body.data;
    expect(coins.find((c: { symbol: string }) => c.symbol === 'ETH')).toMatchObject({ price: 1234, overrides: [{ kind: 'pin', price: 1234, from: T0 }] });
    expect(coins.find((c: { symbol: string }) => c.symbol === 'BTC').overrides).toEqual([]);
  });

  it('gives candles, the book and overrides of one coin at the mock clock', async () => {
    const { control, call, register, ctx } = setup();
    await control('POST', '/market/BTC', { shiftPercent: -10 });
    ctx.clock.advance(5 * 60_000);
    const res = await control('GET', '/market/BTC?interval=1m&limit=5&depth=3');
    expect(res.body).toMatchObject({ symbol: 'BTC', interval: '1m', overrides: [{ kind: 'shift', percent: -10 }] });
    expect(res.body.candles).toHaveLength(5);
    expect(res.body.book.bids).toHaveLength(3);
    expect(res.body.book.asks).toHaveLength(3);
    // The same numbers an agent gets from the public API at the same instant.
    const bot = await register();
    const candles = (await call('GET', '/market/BTC/candles?interval=1m&limit=5', { as: bot })).body.data.candles;
    expect(res.body.candles.map((c: { close: number }) => c.close)).toEqual(candles.map((c: { close: number }) => c.close));
    expect(res.body.price).toBe((await call('GET', '/market?coins=BTC', { as: bot })).body.data[0].price);
  });

  it('answers 404 for an unknown coin', async () => {
    const { control } = setup();
    expectProblem(await control('GET', '/market/NOPE'), 404, 'not_found');
  });
});

describe('GET /__nx/stats', () => {
  it('counts API requests and errors, not control calls', async () => {
    const { control, call, register } = setup();
    const bot = await register();
    await call('GET', '/me', { as: bot });
    await call('GET', '/me', { as: { apiKey: 'nx_test_unknown', apiSecret: '' }, unchecked: true });
    await control('GET', '/info');
    const stats = (await control('GET', '/stats')).body;
    // Summed over the whole 30-minute history, so a slow machine cannot push a request out of the window.
    const sum = (key: 'requests' | 'errors') => stats.perMinute.reduce((n: number, m: Record<string, number>) => n + (m[key] ?? 0), 0);
    expect(sum('requests')).toBe(3);
    expect(sum('errors')).toBe(1);
    expect(stats.perMinute).toHaveLength(30);
    expect(stats.streams).toBe(0);
  });
});

describe('DELETE /__nx/faults/{faultId}', () => {
  it('removes one fault and leaves the others', async () => {
    const { control } = setup();
    const first = (await control('POST', '/faults', { operationId: 'getMe', kind: 'error', status: 503 })).body;
    const second = (await control('POST', '/faults', { operationId: 'getPortfolio', kind: 'latency', latencyMs: 10 })).body;
    expect((await control('DELETE', `/faults/${first.id}`)).status).toBe(204);
    expect((await control('GET', '/faults')).body.data.map((f: { id: string }) => f.id)).toEqual([second.id]);
    expectProblem(await control('DELETE', `/faults/${first.id}`), 404, 'not_found');
  });
});

describe('control calls and determinism', () => {
  it('never shift the request ids the API hands out (a dashboard polling /__nx changes nothing)', async () => {
    const ids = async (poll: boolean) => {
      const { call, control, ctx } = setup();
      const demo = ctx.demoAgents[0]!;
      const out: string[] = [];
      for (let i = 0; i < 3; i++) {
        if (poll) {
          const res = await control('GET', '/agents');
          expect(res.headers['x-request-id']).toMatch(/^ctl_/);
        }
        out.push(String((await call('GET', '/me', { as: demo })).headers['x-request-id']));
      }
      return out;
    };
    expect(await ids(true)).toEqual(await ids(false));
  });
});

describe('secrets', () => {
  it('appear in no dashboard read, for sandbox and live agents alike', async () => {
    const { control, register, call } = setup();
    const sandbox = await register();
    const live = await register({ mode: 'live' });
    await call('POST', '/orders', { as: sandbox, body: marketOrder() });
    await call('POST', '/orders', { as: live, body: marketOrder() });
    await call('GET', '/me', { as: live, sign: false, unchecked: true }); // a 401 in the journal too
    const texts = await Promise.all(
      ['/agents', `/agents/${sandbox.agentId}`, `/agents/${live.agentId}`, '/journal', '/market', '/market/BTC', '/stats', '/webhooks'].map(
        async (path) => (await control('GET', path)).text,
      ),
    );
    for (const text of texts) {
      for (const secret of [sandbox.apiSecret, live.apiSecret, sandbox.apiKey, live.apiKey]) expect(text).not.toContain(secret);
    }
  });
});

describe('the 401 diagnosis the Requests view shows', () => {
  it('is in the journal: the string the server signed and the one the client signed, side by side', async () => {
    const mock = setup();
    const { control, register, ctx } = mock;
    const live = await register({ mode: 'live' });
    const ts = String(ctx.clock.now());
    const clientSigned = `${ts}GET/v1/agent/me`; // the full path: a classic mistake
    const { call } = mock;
    const res = await call('GET', '/me', { as: live, sign: false, unchecked: true, headers: { 'x-nx-timestamp': ts, 'x-nx-signature': hmacHex(live.apiSecret, clientSigned) } });
    expect(res.status).toBe(401);
    const entry = (await control('GET', '/journal?operationId=getMe')).body.data.at(-1);
    const problem = JSON.parse(entry.responseBody);
    expect(problem).toMatchObject({ code: 'invalid_signature', stringToSign: `${ts}GET/me`, mistake: { code: 'full_path_signed', signedString: clientSigned } });
    expect(entry.requestHeaders['x-nx-signature']).toBe('[redacted]');
  });
});
