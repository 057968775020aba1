// Runs examples/typescript/agent.ts as a child process (compiled for this run, as `npx tsx` would,
// without npm's or the loader's start-up) against a real mock server and checks, through the control journal,
// what it sent: every request answered 2xx, the whole
// register → market → portfolio → market order → limit → PATCH → DELETE flow present, and in
// live mode every authenticated request signed. Injected faults show how it copes: a 503 or a
// dropped connection on POST /orders is retried with the same bytes (same clientOrderId), a
// persistent 5xx or 429 is retried a bounded number of times, and a 5xx on PATCH is not retried.
// (example-agent-runner.test.ts runs it through the client-side conformance runner.)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { compiledPath } from '../support/spawn-node.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Entry {
  at: string;
  method: string;
  path: string;
  operationId: string | null;
  agentId: string | null;
  status: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 }); // real clock: the agent signs with Date.now()
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  mock.ctx.faults.clear();
  expect((await fetch(`${mock.url}/__nx/journal`, { method: 'DELETE' })).status).toBe(204);
});

function runAgent(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_')));
    const child = spawn(process.execPath, [compiledPath('examples/typescript/agent.ts')], {
      cwd: ROOT,
      env: { ...clean, NX_BASE_URL: mock.baseUrl, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function journal(): Promise<Entry[]> {
  const res = await fetch(`${mock.url}/__nx/journal?limit=1000`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Entry[] }).data;
}

/** The spec's ClientOrderId pattern. */
const CLIENT_ORDER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

const FLOW = ['getMe', 'getMarket', 'getPortfolio', 'placeOrder', 'getOrderBook', 'placeOrder', 'modifyOrder', 'cancelOrder', 'getPortfolio'];

function expectCleanRun(run: { code: number | null; stdout: string; stderr: string }, entries: Entry[], registers: boolean): void {
  expect(run.code, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);
  expect(entries.map((e) => e.operationId)).toEqual(registers ? ['registerAgent', ...FLOW] : FLOW);
  for (const e of entries) expect(e.status, `${e.method} ${e.path}`).toBeGreaterThanOrEqual(200);
  for (const e of entries) expect(e.status, `${e.method} ${e.path}`).toBeLessThan(300);
  const authenticated = entries.filter((e) => e.operationId !== 'registerAgent');
  expect(new Set(authenticated.map((e) => e.agentId)).size).toBe(1); // one agent throughout
  expect(authenticated[0]?.agentId).toMatch(/^agent_/);
  // The market order is sent the way the published client sends it, plus a clientOrderId (every
  // order carries one, so that a retry cannot place it twice); each order has its own.
  const orders = entries.filter((e) => e.operationId === 'placeOrder').map((e) => JSON.parse(e.requestBody) as { clientOrderId?: string });
  expect(orders[0]).toEqual({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null, clientOrderId: expect.stringMatching(CLIENT_ORDER_ID) });
  expect(orders[1]?.clientOrderId).toMatch(CLIENT_ORDER_ID);
  expect(orders[1]?.clientOrderId).not.toBe(orders[0]?.clientOrderId);
  for (const line of ['BTC: $', 'Portfolio: $', 'Market buy ord_', 'Limit buy ord_', 'Changed ord_', 'Canceled ord_']) {
    expect(run.stdout).toContain(line);
  }
}

const signed = (e: Entry) => e.requestHeaders['x-nx-signature'] === '[redacted]' && /^\d{13}$/.test(e.requestHeaders['x-nx-timestamp'] ?? '');

// Each run spawns Node; allow for a loaded machine.
describe('examples/typescript/agent.ts', { timeout: 60_000 }, () => {
  it('registers a sandbox agent and trades; every request answered 2xx, none signed', async () => {
    const run = await runAgent({ NX_MODE: 'sandbox' });
    const entries = await journal();
    expectCleanRun(run, entries, true);
    expect(run.stdout).toMatch(/Registered agent_\w+ \(sandbox\), key nx_test_/);
    expect(entries.filter((e) => e.operationId !== 'registerAgent').every((e) => e.requestHeaders['x-nx-key']?.startsWith('nx_test_'))).toBe(true);
    expect(entries.some(signed)).toBe(false);
  });

  it('registers a live agent and signs every authenticated request', async () => {
    const run = await runAgent({ NX_MODE: 'live' });
    const entries = await journal();
    expectCleanRun(run, entries, true);
    expect(run.stdout).toMatch(/\(live\), key nx_live_/);
    const [register, ...rest] = entries;
    expect(register?.requestHeaders['x-nx-key']).toBeUndefined(); // nothing to sign with yet
    for (const e of rest) expect(signed(e), `${e.method} ${e.path}`).toBe(true);
    // The secret never reaches the output.
    expect(run.stdout).not.toMatch(/secret[^\n]*[A-Za-z0-9_-]{32}/);
  });

  it('uses given live credentials (the demo agent) and signs every request', async () => {
    const live = mock.ctx.demoAgents.find((d) => d.mode === 'live')!;
    const run = await runAgent({ NX_API_KEY: live.apiKey, NX_API_SECRET: live.apiSecret });
    const entries = await journal();
    expectCleanRun(run, entries, false);
    expect(entries.every((e) => e.agentId === live.agentId)).toBe(true);
    expect(entries.every(signed)).toBe(true);
  });

  it('exits non-zero on an unexpected response (a wrong secret for a live key)', async () => {
    const live = mock.ctx.demoAgents.find((d) => d.mode === 'live')!;
    const run = await runAgent({ NX_API_KEY: live.apiKey, NX_API_SECRET: 'not-the-secret' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('GET /me answered 401');
    expect(run.stderr).toContain('invalid_signature');
    const entries = await journal();
    expect(entries.map((e) => [e.operationId, e.status])).toEqual([['getMe', 401]]); // stopped at the first failure
  });
});

describe('examples/typescript/agent.ts under injected faults', { timeout: 60_000 }, () => {
  const ops = (entries: Entry[], operationId: string) => entries.filter((e) => e.operationId === operationId);

  it('retries a 503 on POST /orders after a backoff: the same bytes (same clientOrderId), signed afresh', async () => {
    mock.ctx.faults.add({ operationId: 'placeOrder', kind: 'error', status: 503, count: 1 });
    const run = await runAgent({ NX_MODE: 'live' });
    const entries = await journal();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('503 on POST /orders: retrying in 250 ms');
    const [failed, retry, limit] = ops(entries, 'placeOrder');
    expect([failed?.status, retry?.status, limit?.status]).toEqual([503, 201, 201]);
    expect(retry!.requestBody).toBe(failed!.requestBody); // byte for byte: the server can recognise the repeat
    expect(JSON.parse(retry!.requestBody).clientOrderId).toMatch(CLIENT_ORDER_ID);
    expect(signed(retry!)).toBe(true);
    expect(retry!.requestHeaders['x-nx-timestamp']).not.toBe(failed!.requestHeaders['x-nx-timestamp']); // a fresh timestamp per attempt
    expect(Date.parse(retry!.at) - Date.parse(failed!.at)).toBeGreaterThanOrEqual(200);
    expect(run.stdout).toContain('holding 0.001 BTC'); // bought once
  });

  it('retries POST /orders after a dropped connection, and buys only once', async () => {
    mock.ctx.faults.add({ operationId: 'placeOrder', kind: 'drop', count: 1 });
    const run = await runAgent({ NX_MODE: 'sandbox' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/POST \/orders failed \(fetch failed[^)]*\); retrying in 250 ms/);
    expect(run.stdout).toContain('Canceled ord_');
    expect(run.stdout).toContain('holding 0.001 BTC');
  });

  it('gives up on a GET after 5 attempts of a persistent 503, with growing pauses, and exits 1', async () => {
    mock.ctx.faults.add({ operationId: 'getMarket', kind: 'error', status: 503 });
    const run = await runAgent({ NX_MODE: 'sandbox' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('GET /market?coins=bitcoin answered 503');
    for (const ms of [250, 500, 1000, 2000]) expect(run.stdout).toContain(`503 on GET /market?coins=bitcoin: retrying in ${ms} ms`);
    const entries = await journal();
    expect(ops(entries, 'getMarket').map((e) => e.status)).toEqual([503, 503, 503, 503, 503]);
    expect(entries.at(-1)?.operationId).toBe('getMarket'); // and nothing after it
  });

  it('waits Retry-After a bounded number of times, then exits 1', async () => {
    mock.ctx.faults.add({ operationId: 'getMe', kind: 'error', status: 429, retryAfterSeconds: 0 });
    const run = await runAgent({ NX_MODE: 'sandbox' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('429 on GET /me: waiting 0 s as Retry-After asks');
    expect(run.stderr).toContain('GET /me answered 429');
    expect(ops(await journal(), 'getMe').map((e) => e.status)).toEqual([429, 429, 429, 429, 429]);
  });

  it('does not repeat a PATCH that got a 5xx (it may have been applied), and exits 1', async () => {
    mock.ctx.faults.add({ operationId: 'modifyOrder', kind: 'error', status: 500, count: 1 });
    const run = await runAgent({ NX_MODE: 'sandbox' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/PATCH \/orders\/ord_\w+ answered 500/);
    const entries = await journal();
    expect(ops(entries, 'modifyOrder').map((e) => e.status)).toEqual([500]);
    expect(entries.at(-1)?.operationId).toBe('modifyOrder');
  });

  it('treats a 403 other than daily_loss_limit_reached as fatal (an agent without write:orders)', async () => {
    const { agent } = mock.ctx.engine.registerAgent({ name: 'read-only', permissions: ['read:market', 'read:portfolio'], mode: 'sandbox' });
    const run = await runAgent({ NX_API_KEY: agent.apiKey });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('POST /orders answered 403');
    expect(run.stderr).toContain('permission_denied');
    expect(run.stdout).not.toContain('breaker');
    const entries = await journal();
    expect(ops(entries, 'placeOrder').map((e) => e.status)).toEqual([403]);
  });
});
