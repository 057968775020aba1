// Without a network, the commands that need CoinGecko used to end the process before saying
// anything (exit 13: the pacer's retry timers are unref'd, so nothing kept Node running). As
// real processes: each must print "cannot reach CoinGecko: …" with a fix and exit 1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliArgs } from '../support/spawn-node.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'nx-offline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runOffline(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, cliArgs(args, { preload: ['test/cli/support/offline-fetch.ts'] }), {
    cwd: ROOT,
    env: { ...process.env, PORT: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

// Side by side: each process spends its seconds waiting on the retry pacer's real-time backoff.
describe.concurrent('offline, as a real process', { timeout: 120_000 }, () => {
  it('record-market retries, then says it cannot reach CoinGecko and exits 1', async () => {
    const out = join(work, 'never.json');
    const r = await runOffline(['record-market', '--out', out, '--coins', 'bitcoin', '--days', '1']);
    expect(r.code, r.err).toBe(1);
    const what = 'cannot reach CoinGecko: GET /coins/bitcoin/market_chart: fetch failed (getaddrinfo ENOTFOUND api.coingecko.com)';
    expect(r.err).toContain(`record-market: ${what}; trying again (attempt 2 of 4)`);
    expect(r.err.trimEnd().split('\n').at(-1)).toBe(`record-market: ${what}. Check the network connection (record-market needs CoinGecko online), then run it again.`);
  });

  it('mock --market coingecko says so before listening and exits 1', async () => {
    const r = await runOffline(['mock', '--port', '0', '--market', 'coingecko']);
    expect(r.code, r.err).toBe(1);
    expect(r.out).not.toContain('listening');
    expect(r.err).toMatch(/^nx-conformance: cannot reach CoinGecko: GET \/coins\/markets: fetch failed \(getaddrinfo ENOTFOUND api\.coingecko\.com\)\. To run offline, use --market model/m);
  });
});
