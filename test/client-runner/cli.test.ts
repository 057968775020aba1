// `nx-conformance client` in-process through main(argv): exit codes 0/1/2, the environment and
// --env-prefix, the [client] output with the secret scrubbed, the time-out and the json reporter.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { python } from './support.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Captures process.stdout/stderr writes while `fn` runs in-process. */
async function capture(fn: () => Promise<number>) {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    const code = await fn();
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

const py = (code: string): string[] => ['python3', '-c', code];

describe('nx-conformance client', () => {
  it('exits 0 for a correct client, with its output prefixed and the findings printed', { timeout: 60_000 }, async () => {
    const { code, out, err } = await capture(() => main(['client', '--mode', 'sandbox', '--', ...python('examples/python/agent.py')]));
    expect(code, err).toBe(0);
    expect(err).toMatch(/^\[client\] agent agent_/m);
    expect(out).toContain('✓ client.exit');
    expect(out).toContain('0 failed');
  });

  it('exits 1 for a broken client', { timeout: 60_000 }, async () => {
    const { code, out } = await capture(() => main(['client', '--mode', 'live', '--', ...python('examples/broken/python/signs_query.py')]));
    expect(code).toBe(1);
    expect(out).toContain('✗ client.signature');
    expect(out).toContain('query_signed');
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [
      ['client', '--scenario', 'no-such-scenario', '--', 'true'],
      ['client', '--reporter', 'xml', '--', 'true'],
      ['client', '--permissions', 'read:everything', '--', 'true'],
      ['client', '--env-prefix', 'MY-BOT', '--', 'true'],
      ['client'],
    ]) {
      const { code, err } = await capture(() => main(args));
      expect(code, args.join(' ')).toBe(2);
      expect(err).not.toBe('');
    }
  });

  it('--help names the environment variables, checks and scenarios', async () => {
    const { code, out } = await capture(() => main(['client', '--help']));
    expect(code).toBe(0);
    for (const text of ['NX_BASE_URL', 'NX_API_KEY', 'NX_API_SECRET', 'NX_MODE', 'client.signature', 'rate-limit-storm', 'breaker-tripped']) expect(out).toContain(text);
  });

  it('--env-prefix renames the variables; the secret is scrubbed from the output', { timeout: 60_000 }, async () => {
    const script = [
      'import os, sys',
      'names = ["MYBOT_BASE_URL", "MYBOT_API_KEY", "MYBOT_API_SECRET", "MYBOT_MODE"]',
      'missing = [n for n in names if not os.environ.get(n)]',
      'print("missing:", missing, "mode:", os.environ.get("MYBOT_MODE"))',
      'print("my secret is", os.environ.get("MYBOT_API_SECRET"))',
      'sys.exit(3 if missing else 0)',
    ].join('\n');
    const { code, out, err } = await capture(() => main(['client', '--mode', 'sandbox', '--env-prefix', 'MYBOT_', '--', ...py(script)]));
    expect(err).toContain('[client] missing: [] mode: sandbox');
    expect(err).toContain('[client] my secret is [redacted]');
    // It exits 0 but sends nothing: the request checks skip, and client.sends-requests fails.
    expect(code, err).toBe(1);
    expect(out).toMatch(/✗ client\.sends-requests .*\n[\s\S]*without sending a single request to the mock\. Does it read the base URL from NX_BASE_URL/);
  });

  it('stops a client that outlives --timeout and reports it, as json', { timeout: 60_000 }, async () => {
    const { code, out } = await capture(() =>
      main(['client', '--mode', 'sandbox', '--timeout', '1500', '--reporter', 'json', '--', ...py('import time\ntime.sleep(60)')]),
    );
    expect(code).toBe(1);
    const report = JSON.parse(out) as { findings: { checkId: string; status: string; message: string }[] };
    const exit = report.findings.find((f) => f.checkId === 'client.exit');
    expect(exit).toMatchObject({ status: 'fail' });
    expect(exit?.message).toContain('still running after 1500 ms');
  });
});
