// What a new user hit (issue 10, part 8): --list without --base-url, a reporter combination found
// only after the run, --key nx_live_… skipping every check, --strict, and a self-test silent until
// its end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { modesFor } from '../../src/cli/server-command.js';
import { catalogue } from '../../src/conformance/catalogue.js';
import { ConformanceReport } from '../../src/conformance/report/index.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { readFile } from 'node:fs/promises';

let stdout = '';
let stderr = '';
let mock: RunningMock | undefined;
let out = '';

beforeEach(async () => {
  stdout = '';
  stderr = '';
  out = await mkdtemp(join(tmpdir(), 'nx-cli-small-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await mock?.close();
  mock = undefined;
  await rm(out, { recursive: true, force: true });
});

describe('nx-conformance server: small things', () => {
  it('--list needs no --base-url', async () => {
    expect(await main(['server', '--list'])).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(catalogue.length);
    expect(stdout).toContain('rate-limit.burst-then-429\trate-limits\t');
  });

  it('refuses two reports for stdout before running anything (no server needed to find out)', async () => {
    expect(await main(['server', '--base-url', 'http://127.0.0.1:9/v1/agent', '--reporter', 'pretty,json'])).toBe(2);
    expect(stderr).toBe('nx-conformance: reporters pretty and json would all write to stdout; give --out DIR for the json file, or ask for one reporter.\n');
    expect(stdout).toBe('');
  });

  it('takes the mode from --key (nx_live_… → live), and refuses a --mode that contradicts it', async () => {
    expect(modesFor('both', false, 'nx_live_abc')).toEqual(['live']);
    expect(modesFor('both', false, 'nx_test_abc')).toEqual(['sandbox']);
    expect(modesFor('both', false, undefined)).toEqual(['sandbox', 'live']);
    expect(modesFor('sandbox', true, 'nx_live_abc')).toMatch(/--key is a live key \(nx_live_…\) but --mode is sandbox/);
    mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z' });
    const demo = mock.ctx.demoAgents.find((d) => d.mode === 'live');
    const code = await main(['server', '--base-url', mock.baseUrl, '--key', demo?.apiKey ?? '', '--secret', demo?.apiSecret ?? '', '--checks', 'signatures,timestamp', '--reporter', 'json', '--out', out]);
    expect(code, stderr).toBe(0);
    const report = ConformanceReport.parse(JSON.parse(await readFile(join(out, 'nx-conformance.json'), 'utf8')));
    expect(report.modes).toEqual(['live']);
    expect(report.counts.pass).toBeGreaterThan(10);
    expect(new Set(report.findings.map((f) => f.mode))).toEqual(new Set(['live']));
  }, 60_000);

  it('--strict fails a run whose only blemish is a skip', async () => {
    mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z' });
    const args = ['server', '--base-url', mock.baseUrl, '--mode', 'live', '--checks', 'breaker.max-position-enforced', '--reporter', 'json', '--out', out];
    expect(await main(args)).toBe(0); // skipped: live orders not allowed
    expect(await main([...args, '--strict'])).toBe(1);
    const report = ConformanceReport.parse(JSON.parse(await readFile(join(out, 'nx-conformance.json'), 'utf8')));
    expect(report).toMatchObject({ strict: true, verdict: 'fail', counts: { skip: 1, fail: 0 } });
  }, 60_000);
});

describe('nx-conformance self-test', () => {
  it('shows progress while the clean mock runs, then each defect', async () => {
    expect(await main(['self-test', '--defect', 'wide-window'])).toBe(0);
    const total = catalogue.reduce((n, c) => n + c.modes.length, 0);
    expect(stdout).toContain(`clean mock: the catalogue (${total} checks in sandbox and live mode) must pass…\n`);
    // Not a terminal here: a dot per check as it finishes.
    expect(stdout).toMatch(/\n\.{50}\n/);
    expect(stdout).toMatch(/✓ wide-window {17} caught by timestamp\.outside-window-rejected, timestamp\.window-edges-exact\n/);
    expect(stdout).toMatch(/clean mock: \d+ passed, 0 failed, 0 partial, 0 skipped\n1\/1 seeded defects caught in/);
  }, 60_000);
});
