// The mock's journal and log, end to end: real registrations and webhooks (crypto secrets), then
// requests that carry a credential in the body, a header, the query or the path, escaped in any
// way and after any amount of padding. GET /__nx/journal must show no run of any of them.
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../src/mock/http/create-mock-app.js';
import { escaped, escaping, glue, leakedRun, mask, padding, type Escaping } from './support/leaks.js';
import { T0 } from './support/mock.js';

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 30);

async function setUp() {
  const lines: string[] = [];
  const { app, ctx } = createMockApp({ clock: `virtual:${T0}`, rateLimit: 100_000, webhookTargets: 'any', log: (l) => lines.push(l) });
  const reg = await request(app)
    .post('/v1/agent/register')
    .send({ name: 'leaky', mode: 'sandbox', permissions: ['read:market', 'write:orders', 'write:webhook'] });
  expect(reg.status, reg.text).toBe(201);
  const apiKey: string = reg.body.agent.apiKey;
  const hook = await request(app).post('/v1/agent/webhooks').set('x-nx-key', apiKey).send({ url: 'http://127.0.0.1:9/hook', events: ['order.filled'] });
  expect(hook.status, hook.text).toBe(201);
  const credentials = { 'api secret': reg.body.agent.apiSecret as string, 'api key': apiKey, 'webhook secret': hook.body.secret as string };
  // What must not be readable: the secrets whole, the key past the prefix the journal keeps.
  const hidden = [credentials['api secret'], apiKey.slice('nx_test_'.length), credentials['webhook secret'].slice('whsec_'.length)];
  return { app, ctx, lines, apiKey, credentials, hidden };
}

type Place = 'body' | 'header' | 'query' | 'path';
const place = fc.constantFrom<Place>('body', 'header', 'query', 'path');
const which = fc.constantFrom('api secret', 'api key', 'webhook secret' as const);

describe('the journal keeps no run of any credential', () => {
  it('whatever a client sends and wherever it puts one', async () => {
    await fc.assert(
      fc.asyncProperty(which, place, escaping, mask, padding(900), glue, async (name, where, how, m, pad, before) => {
        const { app, apiKey, credentials, hidden } = await setUp();
        const urlSafe: Escaping = how.startsWith('percent') ? how : 'plain';
        const inUrl = encodeURIComponent(escaped(credentials[name], urlSafe, m)).replace(/%25/g, '%');
        let req;
        if (where === 'body') {
          const body = `{"pad":"${pad}","symbol":"BTC","side":"buy","type":"market","quantity":0.001,"note":"${before}${escaped(credentials[name], how, m)}"}`;
          req = request(app).post('/v1/agent/orders').set('content-type', 'application/json').send(body);
        } else if (where === 'header') {
          req = request(app).get('/v1/agent/market?coins=BTC').set('x-note', `${before}${escaped(credentials[name], urlSafe, m)}`);
        } else if (where === 'query') {
          req = request(app).get(`/v1/agent/market?coins=BTC&pad=${encodeURIComponent(pad)}&q=${inUrl}`);
        } else {
          req = request(app).get(`/v1/agent/orders/${inUrl}`);
        }
        await req.set('x-nx-key', apiKey);
        const journal = await request(app).get('/__nx/journal');
        expect(journal.status).toBe(200);
        expect(journal.body.data.length).toBe(3); // register, createWebhook, the request
        for (const secret of hidden) expect(leakedRun(journal.text, secret), `${name} in the ${where} (${how})`).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps what tells requests apart: the key prefix, the path and the other parameters', async () => {
    const { app, apiKey, credentials } = await setUp();
    await request(app).get(`/v1/agent/market?coins=BTC&q=${encodeURIComponent(credentials['api secret'])}`).set('x-nx-key', apiKey);
    const [entry] = (await request(app).get('/__nx/journal?limit=1')).body.data;
    expect(entry).toMatchObject({ path: '/v1/agent/market', query: 'coins=BTC&q=[redacted]', operationId: 'getMarket' });
    expect(entry.requestHeaders['x-nx-key']).toBe(`${apiKey.slice(0, 12)}…`);
  });
});

describe('the mock log', () => {
  it('redacts every line it is given, however the credential is written', async () => {
    const { ctx, lines, credentials, hidden } = await setUp();
    for (const how of ['plain', 'json-all', 'json-some', 'percent-some'] as const) {
      for (const value of Object.values(credentials)) ctx.log(`internal error: {"body":"${escaped(value, how, [true, false])}"} and ${escaped(value, how, [false, true])}`);
    }
    expect(lines.length).toBe(12);
    for (const secret of hidden) expect(leakedRun(lines.join('\n'), secret)).toBeNull();
  });
});
