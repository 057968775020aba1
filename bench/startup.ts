// Start-up: from spawning `node bin/nx-conformance.js mock --port 0` (the compiled CLI, as users run
// it) to the first 200 from GET /market, with the URL and the demo sandbox key read from stdout.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runToEnd } from './child.js';
import { cpuMsOf } from './load.js';

export interface StartupResult {
  runs: number[];
  medianMs: number;
  built: boolean;
  /** dist/ is older than some file in src/ (the numbers are for the last build). */
  stale: boolean;
}

export function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (name.endsWith('.ts')) newest = Math.max(newest, statSync(`${dir}/${name}`).mtimeMs);
  }
  return newest;
}

async function firstMarket(): Promise<number> {
  return (await startToFirstMarket()).ms;
}

/**
 * Spawn to first 200 GET /market: wall ms, and the CPU ms the mock used to get there (what the
 * wall time would be on an idle machine, start-up being single-threaded); `args` are added to
 * `mock --port 0`.
 */
export async function startToFirstMarket(args: readonly string[] = [], timeoutMs = 15_000): Promise<{ ms: number; cpuMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/nx-conformance.js', 'mock', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const { url, key } = await new Promise<{ url: string; key: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within ${timeoutMs / 1000} s: ${out}`)), timeoutMs);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
        const key = /demo sandbox agent: key (\S+)/.exec(out)?.[1];
        if (url && key) {
          clearTimeout(timer);
          resolve({ url, key });
        }
      });
      child.once('exit', (code) => reject(new Error(`the mock exited with ${String(code)}: ${out}`)));
    });
    for (;;) {
      const res = await fetch(`${url}/v1/agent/market`, { headers: { 'x-nx-key': key } }).catch(() => null);
      if (res?.status === 200) {
        await res.arrayBuffer();
        return { ms: performance.now() - started, cpuMs: cpuMsOf(child.pid) };
      }
      if (performance.now() - started > timeoutMs) throw new Error('GET /market never answered 200');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

export async function runStartupBench(runs: number, log: (line: string) => void): Promise<StartupResult> {
  let built = false;
  if (!existsSync('dist/src/cli/main.js')) {
    log('  startup: dist/ is missing, running npm run build …');
    await runToEnd('npm', ['run', 'build'], 300_000);
    built = true;
  }
  const stale = statSync('dist/src/cli/main.js').mtimeMs < newestMtime('src');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await firstMarket());
  const sorted = [...times].sort((a, b) => a - b);
  return { runs: times, medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN, built, stale };
}
