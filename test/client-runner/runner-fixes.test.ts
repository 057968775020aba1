// The client runner as a new user meets it: --scenario runs the plain baseline too (as the docs
// say), the command is shown as typed (quoting kept), one 429 reads as "the 429", a client that
// sends nothing fails clearly, and a reproduction re-sends with a fresh timestamp to the mock at
// $NX_BASE_URL, whatever its port (the script is run for real against a mock).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { clientChecks, runClientChecks, shellJoin } from '../../src/conformance/client/index.js';
import { reproduceRecord } from '../../src/conformance/client/reproduce.js';
import { findingLabel } from '../../src/conformance/findings.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { signRequest } from '../../src/signing/index.js';
import { clientRun, rec } from './support.js';

const check = (id: string) => clientChecks.find((c) => c.id === id)!;
const mocks: RunningMock[] = [];
afterAll(async () => {
  await Promise.all(mocks.map((m) => m.close()));
});

describe('shellJoin', () => {
  it('quotes what a shell would split or expand, and nothing else', () => {
    expect(shellJoin(['python3', 'examples/python/agent.py', '--once'])).toBe('python3 examples/python/agent.py --once');
    expect(shellJoin(['sh', '-c', `ts=$(date +%s); echo "it's $ts"`, ''])).toBe(`sh -c 'ts=$(date +%s); echo "it'\\''s $ts"' ''`);
  });
});

describe('messages', () => {
  it('one 429 reads "the 429", several "each of N 429s"', () => {
    const limited = (at: number) => rec({ status: 429, receivedAt: at, at: at + 1, responseHeaders: { 'retry-after': '1' } });
    const one = check('client.rate-limit').run(clientRun([limited(0), rec({ receivedAt: 1_100, at: 1_101 })]));
    expect(one).toMatchObject({ status: 'pass', message: 'waited Retry-After after the 429' });
    const two = check('client.rate-limit').run(clientRun([limited(0), limited(1_100), rec({ receivedAt: 2_200, at: 2_201 })]));
    expect(two).toMatchObject({ status: 'pass', message: 'waited Retry-After after each of 2 429s' });
  });

  it('a client that sends no request fails client.sends-requests, saying where the URL comes from', () => {
    const silent = check('client.sends-requests').run(clientRun([]));
    expect(silent.status).toBe('fail');
    expect(silent.status === 'fail' && silent.message).toMatch(/^The client ended \(exit 0\) without sending a single request to the mock\. Does it read the base URL from NX_BASE_URL/);
    expect(check('client.sends-requests').run(clientRun([rec({})]))).toMatchObject({ status: 'pass', message: '1 request reached the mock' });
  });

  it('the re-run line shows the command as typed', () => {
    const outcome = check('client.exit').run(clientRun([], { command: ['sh', '-c', 'exit 3'], mode: 'live', exit: { code: 3, signal: null, timedOut: false, durationMs: 5 } }));
    expect(outcome.status === 'fail' && outcome.reproduce).toContain("# run the client again: npx nx-conformance client --mode live -- sh -c 'exit 3'");
  });
});

describe('--scenario', () => {
  it('runs the plain baseline first, then each scenario, and shows the command with its quoting', { timeout: 60_000 }, async () => {
    const command = ['node', '-e', "fetch(process.env.NX_BASE_URL + '/market', { headers: { 'X-NX-Key': process.env.NX_API_KEY } }).then((r) => process.exit(r.ok ? 0 : 1))"];
    const runs: string[] = [];
    const summary = await runClientChecks({ command, modes: ['sandbox'], scenarios: ['latency'], onRunStart: (label) => runs.push(label) });
    expect(runs).toEqual(['sandbox', 'sandbox/latency']);
    const labels = summary.findings.map(findingLabel);
    expect(labels).toContain('client.sends-requests [sandbox]');
    expect(labels).toContain('client.sends-requests [sandbox/latency]');
    expect(labels).toContain('scenario.latency [sandbox/latency]');
    expect(summary.target).toBe(`client: ${shellJoin(command)}`);
    expect(summary.target).toContain("node -e 'fetch(");
  });
});

describe('reproduce', () => {
  it('re-sends with a fresh timestamp to $NX_BASE_URL: run for real against a mock on another port, it is accepted', async () => {
    const mock = await startMock({ port: 0 });
    mocks.push(mock);
    const live = mock.ctx.demoAgents.find((d) => d.mode === 'live')!;
    const stale = String(Date.now() - 3_600_000); // recorded an hour ago: a replay of it would get 401
    const signature = signRequest({ secret: live.apiSecret, timestamp: stale, method: 'GET', path: '/market', body: '' });
    // Signed with the clock of the moment it was sent: no skew, so the script signs with its own now.
    const recorded = rec({ method: 'GET', path: '/v1/agent/market', query: 'coins=bitcoin', receivedAt: Number(stale), headers: { 'x-nx-key': live.apiKey, 'x-nx-timestamp': stale, 'x-nx-signature': signature } });
    const text = reproduceRecord(recorded, live.apiSecret, 'a note');
    expect(text).toContain('TS=$(( $(date +%s%3N) + 0 ))');
    expect(text).toContain(`"\${NX_BASE_URL:-http://127.0.0.1:4010/v1/agent}"'/market?coins=bitcoin'`);
    const script = text.slice(text.indexOf('\nTS=') + 1);
    // Asynchronously: the mock answering it lives in this process.
    const ran = await promisify(execFile)('bash', ['-c', script], { env: { ...process.env, NX_BASE_URL: mock.baseUrl, NX_API_KEY: live.apiKey, NX_API_SECRET: live.apiSecret } });
    expect(ran.stdout.split('\r\n')[0], ran.stdout + ran.stderr).toBe('HTTP/1.1 200 OK');
  });
});
