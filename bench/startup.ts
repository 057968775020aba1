// Start-up: from spawning `node bin/nx-conformance.js mock --port 0` (the compiled CLI, as users run
// it) to the first 200 from GET /market, with the URL and the demo sandbox key read from stdout.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ensureBuilt } from './build.js';
import { median } from './stats.js';

export interface StartupResult {
  /** Spawn to the first 200, per run. */
  runs: number[];
  medianMs: number;
  /** Spawn to the banner (listening, URL and key printed), per run, and its median. */
  bannerRuns: number[];
  bannerMedianMs: number;
  built: boolean;
}

async function firstMarket(): Promise<{ banner: number; first: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/nx-conformance.js', 'mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const { url, key } = await new Promise<{ url: string; key: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 15 s: ${out}`)), 15_000);
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
    const banner = performance.now() - started;
    for (;;) {
      const res = await fetch(`${url}/v1/agent/market`, { headers: { 'x-nx-key': key } }).catch(() => null);
      if (res?.status === 200) {
        await res.arrayBuffer();
        return { banner, first: performance.now() - started };
      }
      if (performance.now() - started > 15_000) throw new Error('GET /market never answered 200');
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
  const times: number[] = [];
  const banners: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { banner, first } = await firstMarket();
    banners.push(banner);
    times.push(first);
  }
  return { runs: times, medianMs: median(times), bannerRuns: banners, bannerMedianMs: median(banners), built };
}
