// `nx-conformance proxy`: usage errors in-process (exit 2, a bad --secret never echoed), and the
// real command as a child process: it prints its URL, flags a bad request, and on SIGTERM
// prints the summary and exits 1 because something broke the spec.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startMock } from '../../src/mock/http/start-mock.js';
import { cliArgs } from '../support/spawn-node.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const mock = await startMock({ port: 0 });
afterAll(() => mock.close());

async function capture(fn: () => Promise<number>) {
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    return { code: await fn(), err };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('nx-conformance proxy', () => {
  it('exits 2 on usage errors, without echoing a secret', async () => {
    expect((await capture(() => main(['proxy']))).code).toBe(2);
    expect((await capture(() => main(['proxy', '--target', 'not a url']))).code).toBe(2);
    const bad = await capture(() => main(['proxy', '--target', mock.url, '--secret', 'no-equals-sign-SuperSecret']));
    expect(bad.code).toBe(2);
    expect(bad.err).not.toContain('SuperSecret');
  });

  it('runs until SIGTERM, then prints the summary and exits 1 after a violation', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, cliArgs(['proxy', '--target', mock.url, '--port', '0']), {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline) {
      url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(url, err).toBeDefined();
    const demo = mock.ctx.demoAgents.find((d) => d.mode === 'sandbox');
    const res = await fetch(`${url}/market?coin=bitcoin`, { headers: { 'X-NX-Key': demo?.apiKey ?? '' } });
    expect(res.headers.get('x-nx-violations')).toContain("unknown query parameter 'coin'");
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(out).toContain('1 request proxied, 1 violation');
    expect(err).toContain('[proxy] ✗ request GET /v1/agent/market?coin=bitcoin');
    expect(err).not.toContain(demo?.apiKey ?? 'none');
  });
});
