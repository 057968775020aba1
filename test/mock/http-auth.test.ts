// Authentication over HTTP: API keys, the sandbox/live signing rules, the ±30 s window and the
// signature over the exact body bytes (SIGNING.md, "How the server checks a request").
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestMock, type Credentials } from '../helpers/test-mock.js';
import { expectProblem, hmacHex, marketOrder } from './support.js';

const RATE_LIMIT_HEADERS = ['ratelimit-policy', 'ratelimit', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

async function setup() {
  const mock = createTestMock();
  const sandbox = await mock.register({ name: 'Auth Sandbox' });
  const live = await mock.register({ name: 'Auth Live', mode: 'live' });
  return { ...mock, sandbox, live, now: mock.ctx.clock.now() };
}

/** Headers of a request signed by hand over `message` with the agent's secret. */
const signedBy = (creds: Credentials, timestamp: string, message: string) => ({
  'x-nx-timestamp': timestamp,
  'x-nx-signature': hmacHex(creds.apiSecret, message),
});

describe('API keys', () => {
  it('answers 401 missing_api_key without X-NX-Key', async () => {
    const { call } = await setup();
    expectProblem(await call('GET', '/me'), 401, 'missing_api_key');
  });

  it('answers 401 missing_api_key for an empty X-NX-Key', async () => {
    const { call } = await setup();
    expectProblem(await call('GET', '/me', { headers: { 'x-nx-key': '' } }), 401, 'missing_api_key');
  });

  it('answers 401 invalid_api_key for an unknown key', async () => {
    const { call } = await setup();
    const res = await call('GET', '/me', { headers: { 'x-nx-key': 'nx_test_ThisKeyWasNeverIssued000000000' } });
    expectProblem(res, 401, 'invalid_api_key');
  });

  it('rejects a doubled X-NX-Key header even when both copies are the valid key', async () => {
    const { app, sandbox } = await setup();
    const res = await request(app)
      .get('/v1/agent/me')
      .set('X-NX-Key', [sandbox.apiKey, sandbox.apiKey] as unknown as string);
    expectProblem(res, 401, 'invalid_api_key');
  });
});

describe('sandbox keys', () => {
  it('need no signature headers', async () => {
    const { call, sandbox } = await setup();
    const res = await call('GET', '/me', { as: sandbox });
    expect(res.status).toBe(200);
    expect(res.body.agent.id).toBe(sandbox.agentId);
  });

  it('are verified as in live mode when they carry a signature: a bad one is 401 invalid_signature', async () => {
    const { call, sandbox, now } = await setup();
    const res = await call('GET', '/me', { as: sandbox, sign: false, headers: signedBy(sandbox, String(now), `${now}GET/v1/agent/me`) });
    const problem = expectProblem(res, 401, 'invalid_signature');
    expect(problem.stringToSign).toBe(`${now}GET/me`);
  });

  it('accept a correct signature', async () => {
    const { call, sandbox } = await setup();
    expect((await call('GET', '/me', { as: sandbox, sign: true })).status).toBe(200);
  });

  it('with only a timestamp fail with the code for the missing signature', async () => {
    const { call, sandbox, now } = await setup();
    expectProblem(await call('GET', '/me', { as: sandbox, headers: { 'x-nx-timestamp': String(now) } }), 401, 'missing_signature');
  });

  it('treat empty signature headers as absent (SIGNING.md: an empty value counts as missing)', async () => {
    const { call, sandbox } = await setup();
    const res = await call('GET', '/me', { as: sandbox, headers: { 'x-nx-signature': '', 'x-nx-timestamp': '' } });
    expect(res.status).toBe(200);
    expect(res.body.agent.id).toBe(sandbox.agentId);
  });

  it('with only a signature fail with missing_timestamp', async () => {
    const { call, sandbox } = await setup();
    expectProblem(await call('GET', '/me', { as: sandbox, headers: { 'x-nx-signature': 'a'.repeat(64) } }), 401, 'missing_timestamp');
  });
});

describe('live keys', () => {
  it('without a signature get 401 missing_signature', async () => {
    const { call, live, now } = await setup();
    expectProblem(await call('GET', '/me', { as: live, sign: false, headers: { 'x-nx-timestamp': String(now) } }), 401, 'missing_signature');
    expectProblem(await call('GET', '/me', { as: live, sign: false }), 401, 'missing_signature');
  });

  it('without a timestamp get 401 missing_timestamp', async () => {
    const { call, live, now } = await setup();
    const headers = { 'x-nx-signature': hmacHex(live.apiSecret, `${now}GET/me`) };
    expectProblem(await call('GET', '/me', { as: live, sign: false, headers }), 401, 'missing_timestamp');
  });

  it('with empty signature or timestamp headers get the code for the missing one', async () => {
    const { call, live, now } = await setup();
    const sig = hmacHex(live.apiSecret, `${now}GET/me`);
    expectProblem(await call('GET', '/me', { as: live, sign: false, headers: { 'x-nx-signature': '', 'x-nx-timestamp': String(now) } }), 401, 'missing_signature');
    expectProblem(await call('GET', '/me', { as: live, sign: false, headers: { 'x-nx-signature': sig, 'x-nx-timestamp': '' } }), 401, 'missing_timestamp');
  });

  for (const bad of ['abc', '1767614400000.5', '-1767614400000', '+1767614400000', '1.7676144e12', '12345678901234567']) {
    it(`with the non-numeric timestamp '${bad}' get 401 invalid_timestamp`, async () => {
      const { call, live } = await setup();
      const res = await call('GET', '/me', { as: live, sign: false, headers: { 'x-nx-timestamp': bad, 'x-nx-signature': 'a'.repeat(64) } });
      const problem = expectProblem(res, 401, 'invalid_timestamp');
      expect(problem.serverTime).toBe(1767614400000);
    });
  }

  it('with a correct signature get 200', async () => {
    const { call, live } = await setup();
    const res = await call('GET', '/me', { as: live });
    expect(res.status).toBe(200);
    expect(res.body.agent).toMatchObject({ id: live.agentId, mode: 'live' });
  });
});

describe('the ±30 s window is inclusive', () => {
  for (const skew of [-30_000, 30_000]) {
    it(`accepts a timestamp at now${skew > 0 ? '+' : ''}${skew} ms`, async () => {
      const { call, live, now } = await setup();
      expect((await call('GET', '/me', { as: live, timestamp: String(now + skew) })).status).toBe(200);
    });
  }
  for (const skew of [-30_001, 30_001]) {
    it(`rejects now${skew > 0 ? '+' : ''}${skew} ms with timestamp_out_of_window and skewMs ${skew}`, async () => {
      const { call, live, now } = await setup();
      const problem = expectProblem(await call('GET', '/me', { as: live, timestamp: String(now + skew) }), 401, 'timestamp_out_of_window');
      expect(problem).toMatchObject({ skewMs: skew, serverTime: now });
      expect(problem.detail).toMatch(skew > 0 ? /ahead of/ : /behind/);
    });
  }

  it('follows the virtual clock: a timestamp valid now is stale 30 001 ms later', async () => {
    const { call, ctx, live, now } = await setup();
    ctx.clock.advance(30_001);
    const problem = expectProblem(await call('GET', '/me', { as: live, timestamp: String(now) }), 401, 'timestamp_out_of_window');
    expect(problem.skewMs).toBe(-30_001);
  });

  it('rejects a timestamp in seconds (correctly signed) and says it looks like seconds', async () => {
    const { call, live, now } = await setup();
    const seconds = String(Math.floor(now / 1000));
    const problem = expectProblem(await call('GET', '/me', { as: live, timestamp: seconds }), 401, 'timestamp_out_of_window');
    expect(problem.detail).toMatch(/looks like seconds/);
  });
});

describe('the signature covers the exact body bytes', () => {
  const spaced = '{ "symbol" : "BTC",\n  "side": "buy", "type": "market", "quantity": 0.001, "price": null }\n';

  it('accepts JSON with extra whitespace when the bytes sent are the bytes signed', async () => {
    const { call, live } = await setup();
    const res = await call('POST', '/orders', { as: live, body: spaced });
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ symbol: 'BTC', side: 'buy', type: 'market', status: 'filled', quantity: 0.001 });
  });

  it('rejects a signature over the re-serialised JSON when other bytes are sent', async () => {
    const { call, ctx, live, now } = await setup();
    const before = ctx.engine.snapshot();
    const reserialised = JSON.stringify(JSON.parse(spaced));
    const res = await call('POST', '/orders', { as: live, sign: false, body: spaced, headers: signedBy(live, String(now), `${now}POST/orders${reserialised}`) });
    const problem = expectProblem(res, 401, 'invalid_signature');
    expect(problem.stringToSign).toBe(`${now}POST/orders${spaced}`);
    expect((problem.mistake as { code: string }).code).toBe('reserialised_body');
    expect(ctx.engine.snapshot()).toEqual(before);
  });

  it('rejects a valid signature replayed with another body', async () => {
    const { call, live, now } = await setup();
    const signed = JSON.stringify(marketOrder());
    const sent = JSON.stringify(marketOrder({ quantity: 0.002 }));
    const res = await call('POST', '/orders', { as: live, sign: false, body: sent, headers: signedBy(live, String(now), `${now}POST/orders${signed}`) });
    expectProblem(res, 401, 'invalid_signature');
  });
});

describe('401 responses', () => {
  it('carry X-Request-Id but no rate-limit headers', async () => {
    const { call, live, now } = await setup();
    const failures = [
      await call('GET', '/me'),
      await call('GET', '/me', { headers: { 'x-nx-key': 'nx_live_unknown' } }),
      await call('GET', '/me', { as: live, sign: false }),
      await call('GET', '/me', { as: live, timestamp: String(now + 60_000) }),
      await call('GET', '/me', { as: live, sign: false, headers: { 'x-nx-timestamp': String(now), 'x-nx-signature': 'f'.repeat(64) } }),
    ];
    for (const res of failures) {
      expect(res.status).toBe(401);
      expect(res.headers['x-request-id']).toMatch(/^req_[0-9a-f]{16}$/);
      for (const name of RATE_LIMIT_HEADERS) expect(res.headers[name], name).toBeUndefined();
    }
  });

  it('do not use up the agent quota', async () => {
    const { call, live } = await setup();
    for (let i = 0; i < 3; i++) await call('GET', '/me', { as: live, sign: false });
    const ok = await call('GET', '/me', { as: live });
    expect(ok.headers['x-ratelimit-remaining']).toBe('59');
  });
});
