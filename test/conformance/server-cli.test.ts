// `nx-conformance server` end to end: exit codes, the reports it writes, and the catch of a
// seeded defect, against real mock servers on ephemeral ports.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ConformanceReport } from '../../src/conformance/report/index.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { refusedUrl } from '../support/refused-port.js';

let out: string;
let stdout: string;
let stderr: string;
let mocks: RunningMock[] = [];

beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'nx-server-cli-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(mocks.map((m) => m.close()));
  mocks = [];
  await rm(out, { recursive: true, force: true });
});

async function mock(defects: string[] = []): Promise<RunningMock> {
  const m = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', defects });
  mocks.push(m);
  return m;
}

describe('nx-conformance server', () => {
  it('passes the clean mock with exit 0, printing the summary and the time taken, and writes json and junit', async () => {
    const m = await mock();
    const code = await main(['server', '--base-url', m.baseUrl, '--allow-live-orders', '--reporter', 'pretty,json,junit', '--out', out]);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/✓ 0 failed, \d+ passed, 0 skipped \(\d+ checks\) in \d+(\.\d+)? s/);
    const report = ConformanceReport.parse(JSON.parse(await readFile(join(out, 'nx-conformance.json'), 'utf8')));
    expect(report.counts.fail).toBe(0);
    expect(report.counts.pass).toBeGreaterThan(30);
    const xml = await readFile(join(out, 'nx-conformance.junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { testsuites: { '@_tests': string; '@_failures': string } };
    expect(Number(parsed.testsuites['@_tests'])).toBe(report.counts.pass);
    expect(Number(parsed.testsuites['@_failures'])).toBe(0);
  }, 60_000);

  it('exits 1 against a seeded defect and names the check that caught it, with a curl to reproduce', async () => {
    const m = await mock(['me-leaks-secret']);
    const code = await main(['server', '--base-url', m.baseUrl, '--checks', 'permissions', '--reporter', 'json', '--out', out]);
    expect(code).toBe(1);
    const report = ConformanceReport.parse(JSON.parse(await readFile(join(out, 'nx-conformance.json'), 'utf8')));
    const failed = report.findings.filter((f) => f.status === 'fail');
    expect(failed.map((f) => `${f.checkId} [${f.mode}]`)).toContain('permission.secret-never-returned [sandbox]');
    const finding = failed[0];
    if (finding?.status !== 'fail') throw new Error('expected a failure');
    expect(finding.reproduce).toContain('curl');
    // The leaked secret itself never reaches the report.
    expect(JSON.stringify(report)).not.toMatch(/"apiSecret":"(?!\[redacted\])/);
  }, 60_000);

  it('skips live-order checks without --allow-live-orders and says why', async () => {
    const m = await mock();
    const code = await main(['server', '--base-url', m.baseUrl, '--mode', 'live', '--checks', 'circuit-breakers', '--reporter', 'json', '--out', out]);
    expect(code).toBe(0);
    const report = ConformanceReport.parse(JSON.parse(await readFile(join(out, 'nx-conformance.json'), 'utf8')));
    expect(report.findings.length).toBeGreaterThan(0);
    // breaker.live-defaults only reads a live agent's profile: it places no order.
    for (const f of report.findings.filter((x) => x.checkId !== 'breaker.live-defaults')) {
      expect(f.status).toBe('skip');
      expect(f.message).toMatch(/--allow-live-orders|needs the server's clock/);
    }
  }, 60_000);

  it('exits 2 when the server cannot be reached, and on usage errors', async () => {
    // Not a closed mock's port: another test's server may be given it meanwhile, and answer.
    const url = await refusedUrl('/v1/agent');
    expect(await main(['server', '--base-url', url])).toBe(2);
    expect(stderr).toMatch(/Nothing answers at .*ECONNREFUSED.*\n {2}fix: start the server/);
    expect(await main(['server'])).toBe(2);
    expect(await main(['server', '--base-url', url, '--checks', 'no.such-check'])).toBe(2);
    expect(await main(['server', '--base-url', url, '--reporter', 'xml'])).toBe(2);
    expect(await main(['server', '--base-url', url, '--key', 'nx_test_x'])).toBe(2);
  });

  it('with --key/--secret uses the given agent and skips, with a reason, what needs agents of its own', async () => {
    const m = await mock();
    const demo = m.ctx.demoAgents.find((d) => d.mode === 'sandbox');
    if (!demo) throw new Error('no demo agent');
    const code = await main(['server', '--base-url', m.baseUrl, '--mode', 'sandbox', '--key', demo.apiKey, '--secret', demo.apiSecret, '--reporter', 'json', '--out', out]);
    expect(code).toBe(0);
    const report = ConformanceReport.parse(JSON.parse(await readFile(join(out, 'nx-conformance.json'), 'utf8')));
    expect(report.counts.pass).toBeGreaterThan(0);
    const skipped = report.findings.filter((f) => f.status === 'skip');
    expect(skipped.length).toBeGreaterThan(0);
    for (const f of skipped) expect(f.message).toMatch(/--key|register/);
    expect(JSON.stringify(report)).not.toContain(demo.apiSecret);
  }, 60_000);
});
