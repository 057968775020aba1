// The HTML report in a real browser, opened from file:// as a CI artifact would be: a run of
// `nx-conformance server` against a mock with a seeded defect writes json and html; the page
// shows the failures with the json's counts, filters by status and category, copies the curl
// script, loads nothing from anywhere (its CSP would log it), and passes axe.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { main } from '../../src/cli/main.js';
import { ConformanceReport } from '../../src/conformance/report/index.js';
import { startMock } from '../../src/mock/http/start-mock.js';
import { screenshotPath } from './support/artifacts.js';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, type Browser, type WatchedPage } from './support/browser.js';

const WAIT = { timeout: 30_000 };

let browser: Browser;
let dir: string;
let report: ConformanceReport;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nx-html-report-'));
  const mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', defects: ['wide-window'] });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['server', '--base-url', mock.baseUrl, '--allow-live-orders', '--reporter', 'json,html', '--out', dir]);
    expect(code).toBe(1);
  } finally {
    vi.restoreAllMocks();
    await mock.close();
  }
  report = ConformanceReport.parse(JSON.parse(await readFile(join(dir, 'nx-conformance.json'), 'utf8')));
  url = pathToFileURL(join(dir, 'nx-conformance.html')).href;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<WatchedPage> {
  const watched = await browser.page();
  await watched.page.goto(url);
  await watched.page.locator('form.filters:not([hidden])').waitFor(WAIT); // the script ran
  return watched;
}

const visibleStatuses = (page: Page) => page.locator('.finding:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));

describe('the HTML report', { timeout: 120_000 }, () => {
  it("shows the failures of a run against a seeded defect, with the json report's counts", async () => {
    const { page, problems } = await open();
    expect(report.counts.fail).toBeGreaterThan(0);
    for (const [status, n] of Object.entries(report.counts)) {
      expect(await page.locator(`[data-count="${status}"]`).textContent(), status).toBe(String(n));
      expect(await page.locator(`.finding[data-status="${status}"]`).count(), status).toBe(n);
    }
    const failed = report.findings.filter((f) => f.status === 'fail').map((f) => f.checkId);
    expect(failed.some((id) => id.startsWith('timestamp.outside-window-rejected'))).toBe(true);
    const shownFailures = await page.locator('.finding[data-status="fail"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-check')));
    expect(shownFailures.sort()).toEqual([...failed].sort());
    // Failures first.
    expect((await visibleStatuses(page)).slice(0, failed.length).every((s) => s === 'fail')).toBe(true);
    expect(await page.locator('[data-verdict]').textContent()).toBe('fail');
    // The run's settings: base URL, modes and seed.
    expect(await page.locator('[data-setting="target"]').textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/agent$/);
    expect(await page.locator('[data-setting="seed"]').textContent()).toBe('42');
    expect(await page.locator('[data-setting="modes"]').textContent()).toMatch(/sandbox.*live/);
    await page.screenshot({ path: screenshotPath('report'), fullPage: false });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters by status and by category', async () => {
    const { page, problems } = await open();
    await page.getByRole('checkbox', { name: /^pass/ }).uncheck();
    expect(new Set(await visibleStatuses(page)).has('pass')).toBe(false);
    expect(await page.locator('#shown-count').textContent()).toBe(String(report.findings.length - report.counts.pass));
    await page.getByRole('checkbox', { name: /^pass/ }).check();
    await page.getByLabel('Category').selectOption('timestamp');
    const categories = await page.locator('.finding:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-category')));
    expect(categories.length).toBe(report.findings.filter((f) => f.category === 'timestamp').length);
    expect(new Set(categories)).toEqual(new Set(['timestamp']));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('copies the curl script of a failure', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page, problems } = await open();
    const failure = page.locator('.finding[data-status="fail"]').first();
    const checkId = await failure.getAttribute('data-check');
    await failure.getByRole('button', { name: 'Copy curl script' }).click();
    await failure.getByText('Copied.').waitFor(WAIT);
    // Code run in the page goes as a string: this file is compiled without DOM types.
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    const expected = report.findings.find((f) => f.checkId === checkId && f.status === 'fail');
    expect(expected?.status === 'fail' && expected.reproduce).toBe(copied);
    expect(copied).toMatch(/^# |curl /m);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no serious or critical accessibility violations', async () => {
    const { page } = await open();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
