// Graceful shutdown of the CLI mock (a child process running src/cli/main.ts through tsx, the way
// bin/nx-conformance.js runs the compiled one: the exit code is set, never forced). On SIGTERM or
// SIGINT a slow in-flight request (1 s of injected latency) still completes with 200, new
// connections are refused at once, and the process exits 0 within 5 s (3 s for keep-alive) on an
// idle machine. The steps wait for events (the fault hit, the shutdown line), not for time.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { loadScaledTimer } from '../support/load-scaled.js';

const ENTRY = "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })";

interface Cli {
  child: ChildProcess;
  url: string;
  key: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

async function startCli(): Promise<Cli> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', ENTRY, 'mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
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

function connectOutcome(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
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

describe('graceful shutdown of the CLI mock', () => {
  for (const { signal, client, get, withinMs } of cases) {
    it(`${signal}, in-flight request on ${client}: it completes with 200, new connections are refused, exit 0 within ${withinMs / 1000} s`, async () => {
      const cli = await startCli();
      try {
        const fault = await fetch(`${cli.url}/__nx/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ operationId: 'getMarket', kind: 'latency', latencyMs: 1_000, count: 1 }),
        });
        expect(fault.status, await fault.text()).toBe(201);
        const inflight = get(`${cli.url}/v1/agent/market?coins=bitcoin`, cli.key);
        // The fault counts its hit when the request enters its latency: from then on it is in flight.
        await vi.waitFor(async () => expect(await faultHits(cli.url)).toBe(1), { timeout: 30_000, interval: 10 });
        const stopping = loadScaledTimer();
        cli.child.kill(signal);
        // The line is written once the server has stopped listening.
        await vi.waitFor(() => expect(cli.stderr()).toContain(`${signal}: finishing in-flight requests`), { timeout: 30_000, interval: 10 });
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
