// Reports and proxy output: the client runner's evidence and `reproduce` text, the server runner's
// evidence and curl, and the validating proxy's violations and log lines show no run of a
// credential, however a client escaped it and wherever it put it.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { recordEvidence, reproduceRecord, scrub } from '../../src/conformance/client/reproduce.js';
import { evidenceOf, toCurl } from '../../src/conformance/evidence.js';
import { startProxy } from '../../src/conformance/proxy/index.js';
import type { RawRequestRecord } from '../../src/mock/http/journal.js';
import { startMock } from '../../src/mock/http/start-mock.js';
import { SecretIndex } from '../../src/redact.js';
import { apiSecret, escaped, escaping, glue, leakedRun, mask, padding, type Escaping } from './support/leaks.js';

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 100);
const place = fc.constantFrom('body', 'header', 'query', 'path');

/** A request that carries `secret` (written as `how`) in one place. */
function carrying(secret: string, where: string, how: Escaping, m: boolean[], pad: string, before: string) {
  const urlForm = encodeURIComponent(escaped(secret, how.startsWith('percent') ? how : 'plain', m)).replace(/%25/g, '%');
  return {
    path: where === 'path' ? `/v1/agent/orders/${urlForm}` : '/v1/agent/orders',
    query: where === 'query' ? `limit=5&note=${urlForm}` : 'limit=5',
    headers: { 'x-nx-key': 'nx_live_abcdefghijklmnopqrstuvwxyz012345', ...(where === 'header' ? { 'x-debug': `${before}${urlForm}` } : {}) },
    body: where === 'body' ? `{"pad":"${pad}","note":"${before}${escaped(secret, how, m)}"}` : '{}',
  };
}

describe('runner reports', () => {
  it('client runner: evidence, reproduce and scrubbed messages', () => {
    fc.assert(
      fc.property(apiSecret, place, escaping, mask, padding(900), glue, (secret, where, how, m, pad, before) => {
        const r = carrying(secret, where, how, m, pad, before);
        const rec: RawRequestRecord = {
          requestId: 'req_1', method: 'POST', path: r.path, query: r.query, headers: r.headers, body: Buffer.from(r.body),
          receivedAt: 0, at: 1, operationId: 'placeOrder', agentId: 'agent_1', status: 400, problemCode: 'validation_failed',
          responseHeaders: {}, responseBody: `{"detail":"unknown field in ${r.body.replace(/"/g, '\\"')}"}`,
        };
        const shown = [JSON.stringify(recordEvidence(rec, secret)), reproduceRecord(rec, secret, `saw ${r.body}`), scrub(`client printed ${r.body}`, secret)];
        for (const text of shown) expect(leakedRun(text, secret), text.slice(0, 200)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('server runner: evidence and curl, given the secrets of its agents', () => {
    fc.assert(
      fc.property(apiSecret, place, escaping, mask, padding(900), glue, (secret, where, how, m, pad, before) => {
        const r = carrying(secret, where, how, m, pad, before);
        const index = new SecretIndex();
        index.add(secret);
        const exchange = {
          request: { method: 'POST', url: `https://api.example${r.path}?${r.query}`, headers: r.headers, body: r.body },
          response: { status: 201, headers: {}, text: `{"agent":{"apiSecret":"${secret}"},"echo":"${escaped(secret, how, m)}"}`, durationMs: 1 },
        };
        for (const text of [JSON.stringify(evidenceOf(exchange, index)), toCurl(exchange, 'note', { secrets: index })]) expect(leakedRun(text, secret), text.slice(0, 200)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('proxy output', () => {
  const running: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(running.map((r) => r.close()));
  });

  it('violations and log lines, for secrets it was given and secrets it saw handed out', async () => {
    const mock = await startMock({ port: 0 });
    running.push(mock);
    const given = mock.ctx.engine.registerAgent({ name: 'given', permissions: ['read:market', 'write:orders'], mode: 'sandbox' });
    const lines: string[] = [];
    const proxy = await startProxy({ target: mock.url, secrets: { [given.agent.apiKey]: given.apiSecret }, log: (l) => lines.push(l) });
    running.push(proxy);
    const reg = await fetch(`${proxy.baseUrl}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'seen', mode: 'sandbox', permissions: ['read:market'] }) });
    const seen = ((await reg.json()) as { agent: { apiSecret: string } }).agent.apiSecret;
    for (const secret of [given.apiSecret, seen]) {
      for (const how of ['plain', 'json-some', 'json-all'] as const) {
        // An unknown field named after the secret, and the secret in the query: both are quoted in violations.
        const body = `{"symbol":"BTC","side":"buy","type":"market","quantity":0.001,"${escaped(secret, how, [true, false, false])}":1}`;
        const res = await fetch(`${proxy.baseUrl}/orders?x=${encodeURIComponent(secret)}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-nx-key': given.agent.apiKey }, body });
        expect(res.status).toBe(400);
      }
    }
    expect(proxy.violations().length).toBeGreaterThan(0);
    const printed = [JSON.stringify(proxy.violations()), proxy.summary(), lines.join('\n')].join('\n');
    for (const secret of [given.apiSecret, seen]) expect(leakedRun(printed, secret)).toBeNull();
  });
});
