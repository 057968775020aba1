// The validating proxy in front of the mock: the mock's own traffic (typed client and both
// example agents) shows zero violations; seeded defects, bad requests and bad signatures are
// reported (X-NX-Violations, violations()), and stopped or replaced with `errors`.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClient, type AgentClient } from '../../src/client/index.js';
import { startProxy, type RunningProxy } from '../../src/conformance/proxy/index.js';
import { specProblems } from '../../src/conformance/spec-problems.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { nodeCommand } from '../support/spawn-node.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const running: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function setUp(options: { defects?: string[]; errors?: boolean; withSecrets?: boolean } = {}) {
  const mock: RunningMock = await startMock({ port: 0, defects: options.defects ?? [] });
  running.push(mock);
  const live = mock.ctx.engine.registerAgent({ name: 'proxy test', permissions: ['read:market', 'read:portfolio', 'write:orders', 'read:sentiment', 'read:social'], mode: 'live' });
  const lines: string[] = [];
  const proxy: RunningProxy = await startProxy({
    target: mock.url,
    errors: options.errors,
    secrets: options.withSecrets ? { [live.agent.apiKey]: live.apiSecret } : {},
    log: (line) => lines.push(line),
  });
  running.push(proxy);
  const client = createAgentClient({ baseUrl: proxy.baseUrl, credentials: { apiKey: live.agent.apiKey, apiSecret: live.apiSecret } });
  return { mock, proxy, client, lines, secret: live.apiSecret, key: live.agent.apiKey };
}

function runAgent(command: string[], env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(command[0] ?? 'false', command.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('exit', (code) => resolve(code));
  });
}

describe('the mock through the proxy', () => {
  let ctx: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    ctx = await setUp();
  });

  it('typed-client traffic, errors included, shows zero violations', async () => {
    const c: AgentClient = ctx.client;
    const sandbox = await c.register({ name: 'via proxy', permissions: ['read:market'], mode: 'sandbox' });
    expect(sandbox.status).toBe(201);
    for (const res of [await c.me(), await c.market('bitcoin,ethereum'), await c.orderBook('BTC', 5), await c.candles('BTC', '1h', 3), await c.portfolio(), await c.sentiment('bitcoin'), await c.socialFeed({ limit: 2 })]) {
      expect(res.status, res.text).toBe(200);
    }
    const placed = await c.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null });
    expect(placed.status).toBe(201);
    const book = await c.orderBook('BTC', 1);
    const bid = book.json?.data.bids[0]?.price ?? 1;
    const limit = await c.placeOrder({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: Math.floor(bid * 0.9), clientOrderId: 'proxy-1' });
    const id = limit.json?.order.orderId ?? '';
    expect((await c.modifyOrder(id, { price: Math.floor(bid * 0.8) })).status).toBe(200);
    expect((await c.cancelOrder(id)).status).toBe(200);
    expect((await c.listOrders({ limit: 5 })).status).toBe(200);
    // Errors the spec documents are conformant answers too.
    expect((await c.getOrder('ord_doesnotexist')).status).toBe(404);
    expect((await c.placeOrder({ symbol: 'NOPE', side: 'buy', type: 'market', quantity: 1 })).status).toBe(400);
    expect(ctx.proxy.violations()).toEqual([]);
    expect(ctx.lines).toEqual([]);
  });

  it('both example agents, sandbox and live, show zero violations', { timeout: 60_000 }, async () => {
    const agents = { sandbox: ctx.mock.ctx.demoAgents.find((d) => d.mode === 'sandbox'), live: ctx.mock.ctx.demoAgents.find((d) => d.mode === 'live') };
    for (const [mode, demo] of Object.entries(agents)) {
      const env = { NX_BASE_URL: ctx.proxy.baseUrl, NX_API_KEY: demo?.apiKey ?? '', NX_API_SECRET: demo?.apiSecret ?? '', NX_MODE: mode };
      expect(await runAgent(['python3', 'examples/python/agent.py'], env), `python ${mode}`).toBe(0);
      expect(await runAgent(nodeCommand('examples/typescript/agent.ts'), env), `typescript ${mode}`).toBe(0);
    }
    expect(ctx.proxy.violations()).toEqual([]);
  });
});

describe('violations', () => {
  it('reports a seeded response defect (renamed-field), and replaces it with a 500 internal_error with errors on', async () => {
    const report = await setUp({ defects: ['renamed-field'] });
    const res = await report.client.market('bitcoin');
    expect(res.status).toBe(200);
    expect(res.headers['x-nx-violations']).toMatch(/^\d+; response: getMarket 200: /);
    expect(report.proxy.violations()[0]).toMatchObject({ direction: 'response', code: 'nonconformant_response', status: 200 });
    const strict = await setUp({ defects: ['renamed-field'], errors: true });
    const replaced = await strict.client.market('bitcoin');
    expect(replaced.status).toBe(500);
    expect(replaced.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(replaced.text)).toMatchObject({ status: 500, code: 'internal_error' });
    expect(JSON.parse(replaced.text).detail).toContain('nonconformant_response): getMarket 200');
    // The proxy's own problem conforms to the spec it enforces.
    expect(specProblems(replaced.exchange)).toEqual([]);
  });

  it('reports plain-JSON errors (plain-json-errors) on an otherwise valid exchange', async () => {
    const { client, proxy } = await setUp({ defects: ['plain-json-errors'] });
    const res = await client.getOrder('ord_doesnotexist');
    expect(res.status).toBe(404);
    expect(res.headers['x-nx-violations']).toContain('Content-Type');
    expect(proxy.violations().map((v) => v.direction)).toEqual(expect.arrayContaining(['response']));
  });

  it('reports an undocumented body field, and with errors stops it with 400 validation_failed', async () => {
    const report = await setUp();
    const body = { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, timeInForce: 'gtc' };
    const res = await report.client.send('POST', '/orders', { body });
    expect(res.status).toBe(400); // the mock refuses it too
    expect(res.headers['x-nx-violations']).toContain("request: placeOrder: body: unknown field 'timeInForce'");
    const strict = await setUp({ errors: true });
    expect((await strict.client.me()).status).toBe(200); // the proxy learns the key's rate-limit headers
    const before = strict.mock.ctx.journal.size;
    const stopped = await strict.client.send('POST', '/orders', { body });
    expect(stopped.status).toBe(400);
    expect(JSON.parse(stopped.text)).toMatchObject({ code: 'validation_failed', requestId: stopped.headers['x-request-id'] });
    expect(specProblems(stopped.exchange)).toEqual([]);
    expect(strict.mock.ctx.journal.size).toBe(before); // never forwarded
  });

  it('checks signing headers and the window on its own clock; verifies fully only with --secret', async () => {
    const strict = await setUp({ errors: true });
    const unsigned = await strict.client.send('GET', '/me', { sign: false });
    expect(unsigned.status).toBe(401);
    expect(JSON.parse(unsigned.text)).toMatchObject({ code: 'missing_signature' });
    expect(specProblems(unsigned.exchange)).toEqual([]);
    const stale = await strict.client.send('GET', '/me', { timestamp: String(Date.now() - 60_000) });
    expect(JSON.parse(stale.text)).toMatchObject({ code: 'timestamp_out_of_window' });
    // Signed over the full path: the headers look right, so without the secret it goes through…
    const fullPathSigned = (secret: string) => {
      const ts = String(Date.now());
      const sig = createHmac('sha256', secret).update(`${ts}GET/v1/agent/market`).digest('hex');
      return { query: { coins: 'bitcoin' }, sign: false, headers: { 'x-nx-timestamp': ts, 'x-nx-signature': sig } };
    };
    const fullPath = await strict.client.send('GET', '/market', fullPathSigned(strict.secret));
    expect(fullPath.headers['x-nx-violations']).toBeUndefined();
    expect(fullPath.status).toBe(401); // …and the server refuses it.
    const knowing = await setUp({ errors: true, withSecrets: true });
    const named = await knowing.client.send('GET', '/market', fullPathSigned(knowing.secret));
    expect(named.status).toBe(401);
    expect(JSON.parse(named.text).detail).toContain('full_path_signed');
  });

  it('forwards the exact bytes (the mock verifies the signature over them) and never prints a secret', async () => {
    const { client, lines, secret, proxy, key } = await setUp({ withSecrets: true });
    const odd = '{"symbol":  "BTC", "side":"buy",\t"type": "market", "quantity": 0.001, "price": null}\n';
    expect((await client.send('POST', '/orders', { body: odd })).status).toBe(201);
    await client.send('GET', '/market', { query: { coins: 'bitcoin', leak: secret } });
    expect(proxy.violations()).toHaveLength(1);
    const printed = [...lines, proxy.summary(), JSON.stringify(proxy.violations())].join('\n');
    expect(printed).toContain("unknown query parameter 'leak'");
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain(key);
  });
});
