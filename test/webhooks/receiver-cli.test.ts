// `nx-conformance webhook-receiver` exit codes (0 pass, 1 a check failed, 2 usage/unreachable)
// and its reporters.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startReferenceReceiver, type ReferenceReceiver } from '../../src/conformance/webhook-receiver/index.js';
import { refusedUrl } from '../support/refused-port.js';

const SECRET = `whsec_${Buffer.from('cli receiver secret').toString('base64')}`;
let out = '';
let err = '';
let receivers: ReferenceReceiver[] = [];
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});
const receiver = async (...defects: Parameters<typeof startReferenceReceiver>[0]['defects'] & object) => {
  const r = await startReferenceReceiver({ secret: SECRET, defects });
  receivers.push(r);
  return r;
};

describe('nx-conformance webhook-receiver', () => {
  it('exits 0 when every check passes, with the pretty report', async () => {
    const r = await receiver();
    expect(await main(['webhook-receiver', '--url', r.url, '--secret', SECRET])).toBe(0);
    expect(out).toContain('webhook-receiver.rejects-replay');
    expect(out).toMatch(/0 failed, 5 passed/);
    expect(out + err).not.toContain(SECRET);
  });

  it('exits 1 when a check fails, and writes a json report', async () => {
    const r = await receiver('no-replay-check');
    expect(await main(['webhook-receiver', '--url', r.url, '--secret', SECRET, '--reporter', 'json'])).toBe(1);
    const report = JSON.parse(out);
    expect(report.findings.filter((f: { status: string }) => f.status === 'fail').map((f: { checkId: string }) => f.checkId)).toEqual(['webhook-receiver.rejects-replay']);
  });

  it('takes the secret from WEBHOOK_SECRET and honours --replay-acknowledged', async () => {
    const r = await receiver('no-replay-check');
    vi.stubEnv('WEBHOOK_SECRET', SECRET);
    try {
      expect(await main(['webhook-receiver', '--url', r.url, '--replay-acknowledged'])).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(out).toMatch(/0 failed, 4 passed, 1 skipped/);
  });

  it('exits 2 on usage errors and when nothing listens', async () => {
    const url = await refusedUrl('/hook');
    expect(await main(['webhook-receiver', '--url', url, '--secret', SECRET])).toBe(2);
    expect(err).toContain(`No receiver answers at ${url} (ECONNREFUSED)`);
    expect(await main(['webhook-receiver', '--url', url, '--secret', 'oops'])).toBe(2);
    expect(await main(['webhook-receiver', '--url', url, '--secret', SECRET, '--checks', 'nope'])).toBe(2);
    expect(await main(['webhook-receiver', '--secret', SECRET])).toBe(2);
  });

  it('lists its checks', async () => {
    expect(await main(['webhook-receiver', '--list'])).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(5);
  });
});
