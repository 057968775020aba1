// The browser-test helpers can fail: axe reports a known violation, and the page watcher
// catches console errors, uncaught exceptions and failed requests. Without this, a broken
// helper would make every browser test pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, type Browser } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);
afterAll(() => browser?.close());

describe('browser test support', { timeout: 60_000 }, () => {
  it('seriousViolations finds an image without alt text and a button without a name', async () => {
    const { page } = await browser.page();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"><button></button></main></html>');
    const ids = (await seriousViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(['button-name', 'image-alt']);
    await page.close();
  });

  it('the page watcher collects console errors, exceptions and failed requests', async () => {
    const { page, problems } = await browser.page();
    await page.setContent('<!doctype html><title>t</title><script>console.error("boom"); setTimeout(() => { throw new Error("thrown") }); fetch("http://127.0.0.1:9/nothing").catch(() => {});</script>');
    await page.waitForFunction(() => true);
    await expect.poll(() => problems.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    expect(problems.join('\n')).toMatch(/console error: boom/);
    expect(problems.join('\n')).toMatch(/page error: thrown/);
    expect(problems.join('\n')).toMatch(/request failed: http:\/\/127\.0\.0\.1:9\/nothing/);
    await page.close();
  });
});
