// POST /register over HTTP: key prefixes per mode, the secret shown once, strict validation of
// the request body, live defaults, and the per-address registration quota.
import { describe, expect, it } from 'vitest';
import { createTestMock } from '../helpers/test-mock.js';
import { expectProblem } from './support.js';

const valid = { name: 'Reg Bot', permissions: ['read:market', 'write:orders'], mode: 'sandbox' };

describe('POST /register', () => {
  it('gives a sandbox agent an nx_test_ key and its secret, with the requested profile', async () => {
    const { call } = createTestMock();
    const res = await call('POST', '/register', { body: valid });
    expect(res.status).toBe(201);
    const agent = res.body.agent;
    expect(agent.apiKey).toMatch(/^nx_test_[A-Za-z0-9]{32}$/);
    expect(agent.apiSecret.length).toBeGreaterThanOrEqual(16);
    expect(agent).toMatchObject({ name: 'Reg Bot', permissions: ['read:market', 'write:orders'], mode: 'sandbox', rateLimit: '60 requests/min' });
    expect(agent.dailyLossLimit).toBeNull();
    expect(agent.maxPositionSize).toBeNull();
    expect(agent.createdAt).toBe('2026-01-05T12:00:00.000Z');
  });

  it('gives a live agent an nx_live_ key', async () => {
    const { call } = createTestMock();
    const res = await call('POST', '/register', { body: { ...valid, mode: 'live', dailyLossLimit: 500, maxPositionSize: 10_000 } });
    expect(res.status).toBe(201);
    expect(res.body.agent.apiKey).toMatch(/^nx_live_[A-Za-z0-9]{32}$/);
    expect(res.body.agent).toMatchObject({ mode: 'live', dailyLossLimit: 500, maxPositionSize: 10_000 });
  });

  it("gives a live agent that sets no limits the server's defaults (5000 / 50000)", async () => {
    const { call, register } = createTestMock();
    const live = await register({ mode: 'live' });
    const me = await call('GET', '/me', { as: live });
    expect(me.status).toBe(200);
    expect(me.body.agent).toMatchObject({ dailyLossLimit: 5000, maxPositionSize: 50_000 });
    expect(me.body.breakers.dailyLoss.limit).toBe(5000);
    expect(me.body.breakers.maxPositionSize.limit).toBe(50_000);
  });

  it('accepts explicit null limits on a live agent as "use the defaults"', async () => {
    const { call } = createTestMock();
    const res = await call('POST', '/register', { body: { ...valid, mode: 'live', dailyLossLimit: null, maxPositionSize: null } });
    expect(res.status).toBe(201);
    expect(res.body.agent).toMatchObject({ dailyLossLimit: 5000, maxPositionSize: 50_000 });
  });
});

describe('the secret is shown in the 201 only', () => {
  it('never appears in /me, in error responses or anywhere in the control journal', async () => {
    const { call, control } = createTestMock();
    const texts: string[] = [];
    for (const mode of ['sandbox', 'live'] as const) {
      const reg = await call('POST', '/register', { body: { ...valid, name: `Secret ${mode}`, mode } });
      expect(reg.status).toBe(201);
      const creds = { apiKey: reg.body.agent.apiKey as string, apiSecret: reg.body.agent.apiSecret as string };
      expect(reg.text).toContain(creds.apiSecret);

      const me = await call('GET', '/me', { as: creds });
      expect(me.status).toBe(200);
      expect(me.body.agent.keyPrefix).toBe(creds.apiKey.slice(0, 12));
      expect(me.body.agent).not.toHaveProperty('apiSecret');
      texts.push(me.text);

      const badSig = await call('GET', '/me', { as: creds, sign: false, headers: { 'x-nx-timestamp': '1767614400000', 'x-nx-signature': 'a'.repeat(64) } });
      expectProblem(badSig, 401, 'invalid_signature');
      const denied = await call('GET', '/sentiment', { as: creds });
      expectProblem(denied, 403, 'permission_denied');
      const invalid = await call('POST', '/orders', { as: creds, body: { symbol: 'BTC', side: 'buy', type: 'market', qty: 1 } });
      expectProblem(invalid, 400, 'validation_failed');
      texts.push(badSig.text, denied.text, invalid.text);

      const journal = await control('GET', '/journal');
      expect(journal.status).toBe(200);
      expect(journal.body.data.length).toBeGreaterThanOrEqual(5);
      for (const entry of journal.body.data) texts.push(JSON.stringify(entry));
      for (const text of texts) expect(text).not.toContain(creds.apiSecret);
      const regEntry = journal.body.data.find((e: { operationId: string; status: number }) => e.operationId === 'registerAgent' && e.status === 201);
      expect(regEntry.responseBody).toContain('"apiSecret":"[redacted]"');
    }
  });
});

describe('registration input is validated strictly (400 validation_failed, errors[] in the body)', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown permission', { ...valid, permissions: ['read:market', 'trade:everything'] }, '/permissions/1'],
    ['an empty permission list', { ...valid, permissions: [] }, '/permissions'],
    ['duplicate permissions', { ...valid, permissions: ['read:market', 'read:market'] }, '/permissions'],
    ['a bad mode', { ...valid, mode: 'production' }, '/mode'],
    ['a missing name', { permissions: valid.permissions, mode: 'sandbox' }, '/name'],
    ['an empty name', { ...valid, name: '' }, '/name'],
    ['a whitespace-only name', { ...valid, name: '   ' }, '/name'],
    ['a name over 100 characters', { ...valid, name: 'x'.repeat(101) }, '/name'],
    ['a dailyLossLimit of 0', { ...valid, dailyLossLimit: 0 }, '/dailyLossLimit'],
    ['a negative dailyLossLimit', { ...valid, mode: 'live', dailyLossLimit: -5 }, '/dailyLossLimit'],
    ['a maxPositionSize of 0', { ...valid, maxPositionSize: 0 }, '/maxPositionSize'],
  ];
  for (const [what, body, pointer] of cases) {
    it(`rejects ${what} at ${pointer}`, async () => {
      const { call, ctx } = createTestMock();
      const before = ctx.engine.snapshot().agents.length;
      const res = await call('POST', '/register', { body });
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ location: 'body', pointer })]));
      expect(ctx.engine.snapshot().agents.length).toBe(before);
    });
  }

  it('accepts a name of exactly 100 characters', async () => {
    const { call } = createTestMock();
    const res = await call('POST', '/register', { body: { ...valid, name: 'x'.repeat(100) } });
    expect(res.status).toBe(201);
    expect(res.body.agent.name).toHaveLength(100);
  });

  it('rejects an unknown field and names it in the issue', async () => {
    const { call } = createTestMock();
    const res = await call('POST', '/register', { body: { ...valid, rateLimit: 1000 } });
    const problem = expectProblem(res, 400, 'validation_failed');
    const errors = problem.errors as Array<{ location: string; pointer: string; message: string; code: string }>;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ location: 'body', code: 'unrecognized_keys' });
    expect(errors[0]?.message).toContain("'rateLimit'");
  });

  it('reports every problem at once, each with its own pointer', async () => {
    const { call } = createTestMock();
    const res = await call('POST', '/register', { body: { name: '', permissions: [], mode: 'demo' } });
    const problem = expectProblem(res, 400, 'validation_failed');
    // An empty name breaks two rules (minLength and the non-space pattern): both are reported.
    const pointers = [...new Set((problem.errors as Array<{ pointer: string }>).map((e) => e.pointer))].sort();
    expect(pointers).toEqual(['/mode', '/name', '/permissions']);
  });
});

describe('registration is rate-limited per client address', () => {
  it('allows 30 per minute, refuses the 31st with an honest Retry-After', async () => {
    const { call, ctx } = createTestMock();
    for (let i = 1; i <= 30; i++) {
      const res = await call('POST', '/register', { body: { ...valid, name: `Bot ${i}` } });
      expect(res.status, `registration ${i}`).toBe(201);
      expect(res.headers['ratelimit-policy']).toBe('"default";q=30;w=60');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(30 - i));
    }
    const refused = await call('POST', '/register', { body: { ...valid, name: 'Bot 31' } });
    const problem = expectProblem(refused, 429, 'rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(problem.retryAfter).toBe(retryAfter);
    expect(ctx.engine.snapshot().agents.filter((a) => a.name === 'Bot 31')).toHaveLength(0);

    ctx.clock.advance(retryAfter * 1000 - 1);
    expectProblem(await call('POST', '/register', { body: { ...valid, name: 'Bot 31' } }), 429, 'rate_limited');
    ctx.clock.advance(1);
    const accepted = await call('POST', '/register', { body: { ...valid, name: 'Bot 31' } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.agent.name).toBe('Bot 31');
  });

  it('honours registerRateLimit and does not count against agent quotas', async () => {
    const { call, register } = createTestMock({ registerRateLimit: 2 });
    const agent = await register();
    await register({ name: 'Second' });
    expectProblem(await call('POST', '/register', { body: valid }), 429, 'rate_limited');
    const me = await call('GET', '/me', { as: agent });
    expect(me.status).toBe(200);
    expect(me.headers['x-ratelimit-remaining']).toBe('59');
  });
});
