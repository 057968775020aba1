// Start-up: from spawning `node bin/nx-conformance.js mock --port 0` (the compiled CLI, as users run
// it) to the first 200 from GET /market, with the URL and the demo sandbox key read from stdout.
// The CPU time the mock used by then is reported too: start-up is single-threaded, so that is the
// wall time an idle machine would show, and it is far steadier than wall time on a loaded one.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ensureBuilt } from './build.js';
import { cpuMsOf } from './load.js';
import { median } from './stats.js';

export interface StartupResult {
  /** Spawn to the first 200, per run. */
  runs: number[];
  medianMs: number;
  /** The mock's CPU ms by the first 200, per run, and its median. */
  cpuRuns: number[];
  medianCpuMs: number;
  /** Spawn to the banner (listening, URL and key printed), per run, and its median. */
  bannerRuns: number[];
  bannerMedianMs: number;
  built: boolean;
}

export interface FirstMarket {
  /** Wall ms from spawn to the first 200. */
  ms: number;
  /** CPU ms the mock had used by then. */
  cpuMs: number;
  /** Wall ms from spawn to the banner. */
  bannerMs: number;
}

/** Spawn to first 200 GET /market; `args` are added to `mock --port 0`. */
export async function startToFirstMarket(args: readonly string[] = [], timeoutMs = 15_000): Promise<FirstMarket> {
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
    const bannerMs = performance.now() - started;
    for (;;) {
      const res = await fetch(`${url}/v1/agent/market`, { headers: { 'x-nx-key': key } }).catch(() => null);
      if (res?.status === 200) {
        await res.arrayBuffer();
        return { ms: performance.now() - started, cpuMs: cpuMsOf(child.pid), bannerMs };
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
  const built = await ensureBuilt(log, 'startup');
  const all: FirstMarket[] = [];
  for (let i = 0; i < runs; i++) all.push(await startToFirstMarket());
  const ms = all.map((r) => r.ms);
  const cpu = all.map((r) => r.cpuMs);
  const banner = all.map((r) => r.bannerMs);
  return { runs: ms, medianMs: median(ms), cpuRuns: cpu, medianCpuMs: median(cpu), bannerRuns: banner, bannerMedianMs: median(banner), built };
}
