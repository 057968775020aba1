// invalid_signature problems explain the mistake: each known faulty client is reproduced by hand
// (node:crypto, not src/signing) and the 401 must name it, show the canonical string to sign,
// and never reveal the secret or the signature the server expected.
import { describe, expect, it } from 'vitest';
import { createTestMock } from '../helpers/test-mock.js';
import { expectProblem, hmacBase64, hmacHex, marketOrder } from './support.js';

interface Mistake {
  name: string;
  code: string;
  method: 'GET' | 'POST';
  /** Request target relative to /v1/agent, possibly with a query. */
  target: string;
  body?: string;
  /** The X-NX-Signature the faulty client sends, given its secrets, the timestamp and the body. */
  signature(s: { secret: string; sibling: string; ts: string; body: string }): string;
}

const pythonBody = '{"symbol": "BTC", "side": "buy", "type": "market", "quantity": 0.001, "price": null}';
const compactBody = JSON.stringify(marketOrder());

const mistakes: Mistake[] = [
  {
    name: 'the full /v1/agent path signed',
    code: 'full_path_signed',
    method: 'POST',
    target: '/orders',
    body: compactBody,
    signature: ({ secret, ts, body }) => hmacHex(secret, `${ts}POST/v1/agent/orders${body}`),
  },
  {
    name: 'the query string signed',
    code: 'query_signed',
    method: 'GET',
    target: '/market?coins=bitcoin',
    signature: ({ secret, ts }) => hmacHex(secret, `${ts}GET/market?coins=bitcoin`),
  },
  {
    name: 'the full path with its query signed',
    code: 'full_path_signed',
    method: 'GET',
    target: '/market?coins=bitcoin,ethereum',
    signature: ({ secret, ts }) => hmacHex(secret, `${ts}GET/v1/agent/market?coins=bitcoin,ethereum`),
  },
  {
    name: 'a seconds timestamp signed while milliseconds are sent',
    code: 'seconds_timestamp',
    method: 'POST',
    target: '/orders',
    body: compactBody,
    signature: ({ secret, ts, body }) => hmacHex(secret, `${Math.floor(Number(ts) / 1000)}POST/orders${body}`),
  },
  {
    name: 'the re-serialised body signed (Python json.dumps sent, JSON.stringify signed)',
    code: 'reserialised_body',
    method: 'POST',
    target: '/orders',
    body: pythonBody,
    signature: ({ secret, ts, body }) => hmacHex(secret, `${ts}POST/orders${JSON.stringify(JSON.parse(body))}`),
  },
  {
    name: 'the re-serialised body signed (compact sent, Python json.dumps signed)',
    code: 'reserialised_body',
    method: 'POST',
    target: '/orders',
    body: compactBody,
    signature: ({ secret, ts }) => hmacHex(secret, `${ts}POST/orders${pythonBody}`),
  },
  {
    name: 'a base64 signature',
    code: 'base64_signature',
    method: 'POST',
    target: '/orders',
    body: compactBody,
    signature: ({ secret, ts, body }) => hmacBase64(secret, `${ts}POST/orders${body}`),
  },
  {
    name: 'upper-case hex',
    code: 'uppercase_hex',
    method: 'GET',
    target: '/portfolio',
    signature: ({ secret, ts }) => hmacHex(secret, `${ts}GET/portfolio`).toUpperCase(),
  },
  {
    name: 'a lower-case method signed',
    code: 'lowercase_method',
    method: 'POST',
    target: '/orders',
    body: compactBody,
    signature: ({ secret, ts, body }) => hmacHex(secret, `${ts}post/orders${body}`),
  },
  {
    name: 'the body omitted',
    code: 'body_omitted',
    method: 'POST',
    target: '/orders',
    body: compactBody,
    signature: ({ secret, ts }) => hmacHex(secret, `${ts}POST/orders`),
  },
  {
    name: "the sandbox secret of the agent's linked sandbox agent used with the live key",
    code: 'wrong_secret_mode',
    method: 'POST',
    target: '/orders',
    body: compactBody,
    signature: ({ sibling, ts, body }) => hmacHex(sibling, `${ts}POST/orders${body}`),
  },
];

async function setup() {
  const mock = createTestMock();
  const live = await mock.register({ name: 'Twin Bot', mode: 'live' });
  const sandbox = await mock.register({ name: 'Twin Bot', mode: 'sandbox' });
  mock.ctx.linkAgents(live.agentId, sandbox.agentId);
  return { ...mock, live, sandbox };
}

describe('invalid_signature names the client mistake', () => {
  for (const m of mistakes) {
    it(`${m.name} → mistake.code ${m.code}`, async () => {
      const { call, ctx, live, sandbox } = await setup();
      const ts = String(ctx.clock.now());
      const body = m.body ?? '';
      const path = m.target.split('?')[0] ?? m.target;
      const canonical = `${ts}${m.method}${path}${body}`;
      const expected = hmacHex(live.apiSecret, canonical);
      const sent = m.signature({ secret: live.apiSecret, sibling: sandbox.apiSecret, ts, body });
      expect(sent).not.toBe(expected);
      const before = ctx.engine.snapshot();

      const res = await call(m.method, m.target, {
        as: live,
        sign: false,
        ...(m.body === undefined ? {} : { body: m.body }),
        headers: { 'x-nx-timestamp': ts, 'x-nx-signature': sent },
      });

      const problem = expectProblem(res, 401, 'invalid_signature');
      expect(problem.stringToSign).toBe(canonical);
      const mistake = problem.mistake as { code: string; message: string };
      expect(mistake.code).toBe(m.code);
      expect(mistake.message.length).toBeGreaterThan(10);
      expect(problem.detail).toContain(mistake.message);
      for (const secret of [live.apiSecret, sandbox.apiSecret]) expect(res.text).not.toContain(secret);
      expect(res.text.toLowerCase()).not.toContain(expected);
      expect(res.text).not.toContain(hmacBase64(live.apiSecret, canonical));
      expect(ctx.engine.snapshot()).toEqual(before);
    });
  }

  it('still accepts the correctly signed form of every one of those requests', async () => {
    const { call, live } = await setup();
    for (const m of mistakes) {
      const res = await call(m.method, m.target, { as: live, ...(m.body === undefined ? {} : { body: m.body }) });
      expect(res.status, `${m.method} ${m.target}`).toBeLessThan(300);
    }
  });

  it('names both fixes when a wrong encoding comes with another mistake', async () => {
    const { call, ctx, live } = await setup();
    const ts = String(ctx.clock.now());
    const sig = hmacHex(live.apiSecret, `${ts}GET/v1/agent/portfolio`).toUpperCase();
    const res = await call('GET', '/portfolio', { as: live, sign: false, headers: { 'x-nx-timestamp': ts, 'x-nx-signature': sig } });
    const problem = expectProblem(res, 401, 'invalid_signature');
    expect(problem.mistake).toMatchObject({ code: 'full_path_signed' });
    expect((problem.mistake as { message: string }).message).toMatch(/lower case/);
  });

  it('calls a 40-hex signature malformed and suggests HMAC-SHA1 was used', async () => {
    const { call, ctx, live } = await setup();
    const ts = String(ctx.clock.now());
    const res = await call('GET', '/portfolio', { as: live, sign: false, headers: { 'x-nx-timestamp': ts, 'x-nx-signature': 'ab'.repeat(20) } });
    const problem = expectProblem(res, 401, 'invalid_signature');
    expect(problem.mistake).toMatchObject({ code: 'malformed_signature' });
    expect((problem.mistake as { message: string }).message).toMatch(/SHA1/);
  });

  it('falls back to unrecognised (never null) and still shows the string to sign', async () => {
    const { call, ctx, live } = await setup();
    const ts = String(ctx.clock.now());
    const sig = hmacHex('some-other-secret-entirely', `${ts}GET/portfolio`);
    const res = await call('GET', '/portfolio', { as: live, sign: false, headers: { 'x-nx-timestamp': ts, 'x-nx-signature': sig } });
    const problem = expectProblem(res, 401, 'invalid_signature');
    expect(problem).toMatchObject({ stringToSign: `${ts}GET/portfolio`, mistake: { code: 'unrecognised' } });
  });

  it('shows a non-ASCII body in stringToSign as UTF-8 text', async () => {
    const { call, ctx, sandbox } = await setup();
    const ts = String(ctx.clock.now());
    const body = JSON.stringify({ url: 'https://bot.example.com/hook', events: ['order.filled'], description: 'Café ☕ hook' });
    const res = await call('POST', '/webhooks', { as: sandbox, sign: false, body, headers: { 'x-nx-timestamp': ts, 'x-nx-signature': 'a'.repeat(64) } });
    const problem = expectProblem(res, 401, 'invalid_signature');
    expect(problem.stringToSign).toBe(`${ts}POST/webhooks${body}`);
  });
});
