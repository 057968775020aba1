// `server --reporter github` end to end, in-process: against a mock with a seeded defect, the
// failed check becomes an ::error annotation (on stderr, where GitHub reads workflow commands
// too) and a section of $GITHUB_STEP_SUMMARY.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { runMain } from './support/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'nx-gh-'));
const mocks: RunningMock[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a failed check: exit 1, an ::error annotation naming it, and the step summary', { timeout: 60_000 }, async () => {
  const mock = await startMock({ port: 0, defects: ['wide-window'] });
  mocks.push(mock);
  const stepSummary = join(dir, 'summary.md');
  vi.stubEnv('GITHUB_STEP_SUMMARY', stepSummary);
  const r = await runMain(['server', '--base-url', mock.baseUrl, '--mode', 'live', '--checks', 'timestamp', '--reporter', 'github']);
  expect(r.code, r.err).toBe(1);
  const annotations = r.err.split('\n').filter((l) => l.startsWith('::'));
  expect(annotations.length).toBeGreaterThan(0);
  expect(annotations.some((l) => /^::error title=nx-conformance timestamp\.outside-window-rejected.*::.*%0Aexpected: /.test(l))).toBe(true);
  const md = readFileSync(stepSummary, 'utf8');
  expect(md).toMatch(/^## ❌ nx-conformance: .*failed/);
  expect(md).toContain('<code>timestamp.outside-window-rejected');
});

it('a clean run: exit 0, no annotations, a passing summary; `github` sits beside pretty', { timeout: 60_000 }, async () => {
  const mock = await startMock({ port: 0 });
  mocks.push(mock);
  const stepSummary = join(dir, 'clean.md');
  vi.stubEnv('GITHUB_STEP_SUMMARY', stepSummary);
  const r = await runMain(['server', '--base-url', mock.baseUrl, '--mode', 'sandbox', '--checks', 'schema.market', '--reporter', 'pretty,github']);
  expect(r.code, r.err).toBe(0);
  expect(r.err).not.toMatch(/^::/m);
  expect(r.out).toContain('schema.market');
  expect(readFileSync(stepSummary, 'utf8')).toMatch(/^## ✅ nx-conformance: 1 passed, 0 failed/);
});

it('an unknown reporter is a usage error that lists github', async () => {
  const r = await runMain(['server', '--base-url', 'http://127.0.0.1:1/v1/agent', '--reporter', 'gitlab']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/unknown reporter gitlab; use pretty, json, junit, .*github/);
});
