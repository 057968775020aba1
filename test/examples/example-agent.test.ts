// Runs examples/typescript/agent.ts as a child process (npx tsx) against a real mock server and
// checks, through the control journal, what it sent: every request answered 2xx, the whole
// register → market → portfolio → market order → limit → PATCH → DELETE flow present, and in
// live mode every authenticated request signed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Entry {
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
  expect((await fetch(`${mock.url}/__nx/journal`, { method: 'DELETE' })).status).toBe(204);
});

function runAgent(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_')));
    const child = spawn('npx', ['tsx', 'examples/typescript/agent.ts'], {
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

const FLOW = ['getMe', 'getMarket', 'getPortfolio', 'placeOrder', 'getOrderBook', 'placeOrder', 'modifyOrder', 'cancelOrder', 'getPortfolio'];

function expectCleanRun(run: { code: number | null; stdout: string; stderr: string }, entries: Entry[], registers: boolean): void {
  expect(run.code, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);
  expect(entries.map((e) => e.operationId)).toEqual(registers ? ['registerAgent', ...FLOW] : FLOW);
  for (const e of entries) expect(e.status, `${e.method} ${e.path}`).toBeGreaterThanOrEqual(200);
  for (const e of entries) expect(e.status, `${e.method} ${e.path}`).toBeLessThan(300);
  const authenticated = entries.filter((e) => e.operationId !== 'registerAgent');
  expect(new Set(authenticated.map((e) => e.agentId)).size).toBe(1); // one agent throughout
  expect(authenticated[0]?.agentId).toMatch(/^agent_/);
  // The market order is sent the way the published client sends it.
  const market = entries.find((e) => e.operationId === 'placeOrder');
  expect(JSON.parse(market!.requestBody)).toEqual({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null });
  for (const line of ['BTC: $', 'Portfolio: $', 'Market buy ord_', 'Limit buy ord_', 'Changed ord_', 'Canceled ord_']) {
    expect(run.stdout).toContain(line);
  }
}

const signed = (e: Entry) => e.requestHeaders['x-nx-signature'] === '[redacted]' && /^\d{13}$/.test(e.requestHeaders['x-nx-timestamp'] ?? '');

// Each run spawns npx + tsx; allow for a loaded machine.
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
