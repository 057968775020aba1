// --reporter html from the client and self-test commands (the server command's report is opened
// in a browser in test/browser/report.test.ts): the file is written, with the json's counts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { ConformanceReport } from '../../../src/conformance/report/index.js';

let dir: string;
let stderr: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nx-html-cli-'));
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function reports() {
  const json = ConformanceReport.parse(JSON.parse(await readFile(join(dir, 'nx-conformance.json'), 'utf8')));
  const html = await readFile(join(dir, 'nx-conformance.html'), 'utf8');
  const counts = Object.fromEntries([...html.matchAll(/data-count="(\w+)">(\d+)</g)].map((m) => [m[1], Number(m[2])]));
  return { json, html, counts };
}

describe('--reporter html', () => {
  it('self-test writes the clean run with the seeded defects and the json counts', { timeout: 120_000 }, async () => {
    const code = await main(['self-test', '--defect', 'wide-window', '--reporter', 'json,html', '--out', dir]);
    expect(code, stderr).toBe(0);
    const { json, html, counts } = await reports();
    expect(counts).toEqual({ ...json.counts, total: json.findings.length });
    expect(json.defects).toEqual({ caught: 1, total: 1 });
    expect(html).toContain('data-setting="seeded defects caught">1 of 1<');
    expect(html).toContain('data-setting="seed">42<'); // the runner's input seed, as `server` and `client` show theirs
    expect(html).toMatch(/<code>wide-window<\/code><\/th><td class="s-pass">caught</);
    expect(stderr).toContain(`report: ${join(dir, 'nx-conformance.html')}`);
  });

  it('client writes the findings about the client with the json counts and the seed', { timeout: 120_000 }, async () => {
    const code = await main(['client', '--mode', 'sandbox', '--seed', '7', '--reporter', 'json,html', '--out', dir, '--', 'python3', 'examples/python/agent.py']);
    expect(code, stderr).toBe(0);
    const { json, html, counts } = await reports();
    expect(counts).toEqual({ ...json.counts, total: json.findings.length });
    expect(json.findings.length).toBeGreaterThan(0);
    expect(html).toContain('data-setting="seed">7<');
  });

  it('self-test refuses a file report without --out', async () => {
    expect(await main(['self-test', '--reporter', 'html'])).toBe(2);
    expect(stderr).toMatch(/give --out DIR for the html report/);
  });
});
