// Each client check and scenario expectation over hand-made recordings: no processes, no mock.
import { describe, expect, it } from 'vitest';
import { clientChecks, scenarioByName } from '../../src/conformance/client/index.js';
import { reproduceRecord } from '../../src/conformance/client/reproduce.js';
import { judgeUnit } from '../../src/conformance/client/run-client.js';
import { runLoop } from '../../src/conformance/run-loop.js';
import { clientRun, rec } from './support.js';

const check = (id: string) => {
  const found = clientChecks.find((c) => c.id === id) ?? scenarioByName(id.replace('scenario.', ''))?.check;
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

describe('client checks', () => {
  it('rate limit: a retry before Retry-After fails, one after it passes', () => {
    const limited = rec({ status: 429, receivedAt: 0, at: 10, responseHeaders: { 'retry-after': '2' } });
    const early = clientRun([limited, rec({ receivedAt: 500, at: 510 })]);
    const outcome = check('client.rate-limit').run(early);
    expect(outcome.status).toBe('fail');
    expect(outcome.status === 'fail' && outcome.message).toContain('Retry-After asked for 2 s');
    expect(check('client.rate-limit').run(clientRun([limited, rec({ receivedAt: 2_020, at: 2_030 })])).status).toBe('pass');
  });

  it('secret on the wire: found in a header, the query or the body, never quoted', async () => {
    const secret = 'the-secret-0123456789';
    for (const leak of [rec({ headers: { 'x-api-secret': secret } }), rec({ query: `s=${secret}` }), rec({ method: 'POST', body: `{"secret":"${secret}"}` })]) {
      const { findings: [finding] } = await runLoop([judgeUnit(check('client.no-secret-on-wire'), clientRun([leak]))]);
      if (!finding) throw new Error('no finding');
      expect(finding.status).toBe('fail');
      // The finding (message, evidence, reproduce) never carries the value.
      expect(JSON.stringify(finding)).not.toContain(secret);
    }
    expect(check('client.no-secret-on-wire').run(clientRun([rec()])).status).toBe('pass');
  });

  it('permissions: an operation outside the grant fails, naming the permission', () => {
    const outcome = check('client.permissions').run(clientRun([rec({ method: 'GET', path: '/v1/agent/portfolio', operationId: 'getPortfolio' })]));
    expect(outcome.status === 'fail' && outcome.message).toContain("needs 'read:portfolio'");
  });

  it('exit: a time-out and a crash fail, exit 0 passes', () => {
    const timedOut = clientRun([], { exit: { code: null, signal: 'SIGTERM', timedOut: true, durationMs: 1_000 } });
    expect(check('client.exit').run(timedOut).status).toBe('fail');
    expect(check('client.exit').run(clientRun([], { exit: { code: 3, signal: null, timedOut: false, durationMs: 5 } })).status).toBe('fail');
    expect(check('client.exit').run(clientRun([])).status).toBe('pass');
  });

  it('transient-503: a retry without clientOrderId or without backoff fails', () => {
    const order = { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01 };
    const base = { method: 'POST', path: '/v1/agent/orders', operationId: 'placeOrder' };
    const failed = rec({ ...base, status: 503, receivedAt: 0, at: 5, body: JSON.stringify(order) });
    const run = (retry: object, receivedAt: number) => check('scenario.transient-503').run(clientRun([failed, rec({ ...base, status: 201, receivedAt, at: receivedAt + 5, body: JSON.stringify(retry) })]));
    expect(run(order, 400).status).toBe('fail');
    expect(run({ ...order, clientOrderId: 'a1' }, 20).status).toBe('fail');
    expect(run({ ...order, clientOrderId: 'a1' }, 400).status).toBe('pass');
  });

  it('breaker-tripped: a second 403 daily_loss_limit_reached fails', () => {
    const base = { method: 'POST', path: '/v1/agent/orders', operationId: 'placeOrder', status: 403, problemCode: 'daily_loss_limit_reached' };
    const twice = clientRun([rec({ ...base, receivedAt: 0, at: 5 }), rec({ ...base, receivedAt: 10, at: 15 })]);
    expect(check('scenario.breaker-tripped').run(twice).status).toBe('fail');
    expect(check('scenario.breaker-tripped').run(clientRun([rec({ ...base })])).status).toBe('pass');
  });

  it('reproduce shows the request with the secret and the signature redacted', () => {
    const secret = 'the-secret-0123456789';
    const text = reproduceRecord(
      rec({ method: 'POST', path: '/v1/agent/orders', query: `x=${secret}`, headers: { 'x-nx-key': 'nx_live_abcdefghijklmnop', 'x-nx-signature': 'f'.repeat(64), 'x-nx-timestamp': '1' }, body: `{"a":"${secret}"}` }),
      secret,
      'a note',
    );
    expect(text).not.toContain(secret);
    expect(text).not.toContain('f'.repeat(64));
    expect(text).not.toContain('nx_live_abcdefghijklmnop');
    expect(text).toContain('POST /v1/agent/orders?x=[redacted] HTTP/1.1');
    expect(text).toContain('curl');
  });
});
