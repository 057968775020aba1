// Graceful shutdown of the CLI mock (a child process running the compiled src/cli/main.ts, the way
// bin/nx-conformance.js runs the compiled one: the exit code is set, never forced). On SIGTERM or
// SIGINT a slow in-flight request (2 s of injected latency) still completes with 200, new
// connections are refused at once, and the process exits 0 within 5 s (3 s for keep-alive) on an
// idle machine. The steps wait for events (the fault hit, the shutdown line), not for time.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { connectOutcome } from '../support/connect-outcome.js';
import { loadScaledTimer } from '../support/load-scaled.js';
import { cliArgs } from '../support/spawn-node.js';


interface Cli {
  child: ChildProcess;
  url: string;
  key: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

async function startCli(...extra: string[]): Promise<Cli> {
  const child = spawn(process.execPath, cliArgs(['mock', '--port', '0', ...extra]), { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as string | null }));
  const { url, key } = await new Promise<{ url: string; key: string }>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const key = /demo sandbox agent: key (\S+)/.exec(out)?.[1];
      if (url && key) resolve({ url, key }); // a CLI that never starts fails on the test's time-out
    });
    void exited.then(({ code }) => reject(new Error(`the CLI exited with ${String(code)} before its banner\n${err}`)));
  });
  return { child, url, key, stderr: () => err, exited };
}

/** GET on a connection of its own (no keep-alive pool to hide a refused connect). */
function getOnce(url: string, key: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { 'x-nx-key': key } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function faultHits(url: string): Promise<number> {
  const res = await fetch(`${url}/__nx/faults`);
  return ((await res.json()) as { data: { hits: number }[] }).data[0]?.hits ?? 0;
}

/** GET through fetch's keep-alive pool: the connection stays open after the answer unless the server closes it. */
async function getKeepAlive(url: string, key: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { headers: { 'x-nx-key': key } });
  return { status: res.status, body: await res.text() };
}

const cases = [
  { signal: 'SIGTERM', client: 'its own connection', get: getOnce, withinMs: 5_000 },
  { signal: 'SIGINT', client: 'its own connection', get: getOnce, withinMs: 5_000 },
  // A keep-alive client must not hold the shutdown for its keep-alive time once it has its answer.
  { signal: 'SIGTERM', client: 'a keep-alive connection', get: getKeepAlive, withinMs: 3_000 },
] as const;

// Side by side: each case has a CLI of its own and spends most of its time in the 2 s of latency.
describe.concurrent('graceful shutdown of the CLI mock', () => {
  for (const { signal, client, get, withinMs } of cases) {
    it(`${signal}, in-flight request on ${client}: it completes with 200, new connections are refused, exit 0 within ${withinMs / 1000} s`, async () => {
      const cli = await startCli();
      try {
        const fault = await fetch(`${cli.url}/__nx/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ operationId: 'getMarket', kind: 'latency', latencyMs: 2_000, count: 1 }),
        });
        expect(fault.status, await fault.text()).toBe(201);
        let answered = false;
        const inflight = get(`${cli.url}/v1/agent/market?coins=bitcoin`, cli.key).finally(() => (answered = true));
        void inflight.catch(() => {}); // awaited below; a failed assertion before that must not leave it unhandled
        // The fault counts its hit when the request enters its latency: from then on it is in flight.
        await vi.waitFor(async () => expect(await faultHits(cli.url)).toBe(1), { timeout: 30_000, interval: 10 });
        const stopping = loadScaledTimer();
        cli.child.kill(signal);
        // The line is written once the server has stopped listening, and (2 s of latency leave a wide
        // margin) while the slow request is still being served: the mock stops listening at once,
        // not once its in-flight work is done.
        const answeredFirst = await vi.waitFor(() => {
          expect(cli.stderr()).toContain(`${signal}: finishing in-flight requests`);
          return answered;
        }, { timeout: 30_000, interval: 10 });
        expect(answeredFirst, 'the mock stopped listening only after answering the in-flight request').toBe(false);
        expect(await connectOutcome(cli.url)).toBe('ECONNREFUSED');

        const answer = await inflight;
        expect(answer.status, answer.body).toBe(200);
        expect((JSON.parse(answer.body) as { data: Array<{ id: string }> }).data[0]?.id).toBe('bitcoin');
        const { code } = await cli.exited;
        expect(stopping.elapsedMs()).toBeLessThan(stopping.budgetMs(withinMs));
        expect(code, cli.stderr()).toBe(0);
        expect(cli.stderr()).toContain(`${signal}: finishing in-flight requests`);
      } finally {
        if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
      }
    }, 60_000);
  }
});

describe('graceful shutdown under a keep-alive load', () => {
  it('SIGTERM while 8 keep-alive clients loop: every answer is a 200, and each client ends on a refused connect, never a reset', async () => {
    const cli = await startCli('--rate-limit', '1000000');
    // 8 connections: far below what the server can queue (its listen backlog is 511).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const get = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.get(`${cli.url}/v1/agent/market?coins=bitcoin`, { agent, headers: { 'x-nx-key': cli.key } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        });
        req.on('error', reject);
      });
    const answered: number[] = [];
    let sent = 0;
    const loop = async (): Promise<string> => {
      for (;;) {
        try {
          answered.push(await get());
          sent += 1;
        } catch (error) {
          return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        }
      }
    };
    try {
      const loops = Array.from({ length: 8 }, loop);
      await vi.waitFor(() => expect(sent).toBeGreaterThan(200), { timeout: 30_000, interval: 10 });
      cli.child.kill('SIGTERM');
      const endings = await Promise.all(loops);
      expect(new Set(answered)).toEqual(new Set([200]));
      expect(endings, `after ${sent} answers`).toEqual(Array(8).fill('ECONNREFUSED'));
      expect((await cli.exited).code, cli.stderr()).toBe(0);
    } finally {
      agent.destroy();
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('draining (in-process)', () => {
  it('an answer still in flight when close() starts says Connection: close', async () => {
    const { startMock } = await import('../../src/mock/http/start-mock.js');
    const mock = await startMock({ port: 0, rateLimit: 100_000 });
    const key = mock.ctx.demoAgents[0]!.apiKey;
    mock.ctx.faults.add({ operationId: 'getMarket', kind: 'latency', latencyMs: 300, count: 1 });
    const agent = new http.Agent({ keepAlive: true });
    const answer = new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
      http.get(`${mock.baseUrl}/market?coins=bitcoin`, { agent, headers: { 'x-nx-key': key } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      }).on('error', reject);
    });
    await vi.waitFor(() => expect(mock.ctx.faults.list()[0]?.hits).toBe(1), { timeout: 10_000, interval: 5 });
    const closing = mock.close();
    expect((await answer).connection).toBe('close');
    await closing;
    agent.destroy();
  });
});
