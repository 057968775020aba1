// The dashboard in a real browser (Debian's chromium through playwright-core), opened as a person
// would: every view loads cleanly and passes axe, what happens through the API shows up live,
// and what the controls do reaches the API.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestMock, type TestMock } from '../../src/testing/index.js';
import { loadScaledTimer } from '../support/load-scaled.js';
import { screenshotPath } from './support/artifacts.js';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { ensureUiBuilt } from './support/ui-build.js';

// Generous: chromium on a loaded 2-core machine can take seconds for what takes 100 ms idle.
const WAIT = { timeout: 30_000 };
const VIEWS = ['overview', 'markets', 'agents', 'requests', 'webhooks', 'faults'] as const;

let browser: Browser;
let mock: TestMock;

beforeAll(async () => {
  await ensureUiBuilt();
  // A virtual clock: the Overview's advance controls exist only for one.
  [browser, mock] = await Promise.all([launchBrowser(), startTestMock({ clock: 'virtual:2026-01-05T12:00:00Z' })]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

async function open(view: string) {
  const watched = await browser.page();
  await watched.page.goto(`${mock.url}/__nx/ui#/${view}`);
  await watched.page.locator('.live.on').waitFor(WAIT); // the event stream is connected
  return watched;
}

// Code run in the page is passed as strings: this file is compiled for Node, without DOM types.

/** Marks the page so a test can prove later that it was not reloaded. */
async function mark(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate('window.nxMark = 1');
  return async () => (await page.evaluate('window.nxMark === 1')) === true;
}

describe('the dashboard', { timeout: 120_000 }, () => {
  it.each(VIEWS)('%s loads with no console errors, passes axe, and is screenshotted', async (view) => {
    await mock.agent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    const { page, problems } = await open(view === 'agents' ? `agents/${mock.agent.agentId}` : view);
    await page.locator(`main[data-view="${view}"] h2`).first().waitFor(WAIT);
    if (view === 'markets') await page.locator('.candles[data-last-time]').waitFor(WAIT);
    if (view === 'requests') {
      // Open an entry, so its request, response and curl button are checked too.
      await page.locator('tbody[data-seq] button.link').first().click(WAIT);
      await page.getByRole('button', { name: 'Copy as curl' }).waitFor(WAIT);
    }
    await page.screenshot({ path: screenshotPath(`dashboard-${view}`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an agent registered through the API', async () => {
    const { page, problems } = await open('agents');
    const unreloaded = await mark(page);
    const res = await mock.agent.client.register({ name: 'Fresh Bot', permissions: ['read:market'], mode: 'sandbox' });
    expect(res.status).toBe(201);
    await page.getByRole('link', { name: 'Fresh Bot' }).waitFor(WAIT);
    expect(await unreloaded()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an order placed through the API within a second, without a reload', async () => {
    const { page, problems } = await open(`agents/${mock.agent.agentId}`);
    await page.getByTestId('agent-panel').waitFor(WAIT);
    const unreloaded = await mark(page);
    const timer = loadScaledTimer();
    const placed = await mock.agent.client.placeOrder({ symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.5, price: 100 });
    const orderId = placed.json?.order.orderId as string;
    await page.locator(`tr[data-order-id="${orderId}"]`).waitFor(WAIT);
    // One second on an idle machine (the stream batches every 100 ms); stretched by measured load.
    expect(timer.elapsedMs()).toBeLessThan(timer.budgetMs(1_000));
    expect(await unreloaded()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('moves the chart when the virtual clock is advanced from the UI', async () => {
    const { page, problems } = await open('markets/BTC');
    const chart = page.locator('.candles[data-last-time]');
    await chart.waitFor(WAIT);
    const before = await chart.getAttribute('data-last-time');
    const clockBefore = await mock.control.now();
    await page.getByRole('button', { name: 'Advance the clock 1 h' }).click();
    await page.locator(`.candles[data-last-time]:not([data-last-time="${before}"])`).waitFor(WAIT);
    const after = await chart.getAttribute('data-last-time');
    expect(Date.parse(after as string) - Date.parse(before as string)).toBe(3_600_000);
    expect(await mock.control.now()).toBe(clockBefore + 3_600_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the diagnosis of a bad signature sent through the API in Requests', async () => {
    const { page, problems } = await open('requests');
    const ts = String(await mock.control.now());
    const signed = `${ts}GET/v1/agent/portfolio`; // the full path: a classic mistake
    const res = await fetch(`${mock.baseUrl}/portfolio`, {
      headers: { 'x-nx-key': mock.liveAgent.apiKey, 'x-nx-timestamp': ts, 'x-nx-signature': createHmac('sha256', mock.liveAgent.apiSecret).update(signed).digest('hex') },
    });
    expect(res.status).toBe(401);
    const row = page.locator('tbody[data-seq]').filter({ hasText: 'invalid_signature' });
    await row.getByRole('button').first().click(WAIT);
    const diagnosis = row.getByRole('region', { name: 'Why this request was refused' });
    await diagnosis.waitFor(WAIT);
    expect(await diagnosis.textContent()).toContain("You signed '/v1/agent/portfolio'");
    const strings = await diagnosis.locator('code.sts').allTextContents();
    expect(strings).toEqual([`${ts}GET/portfolio`, signed]);
    expect(await page.textContent('body')).not.toContain(mock.liveAgent.apiSecret);
    // The filters: only the refused request stays under its problem code, only the others under 2xx.
    await mock.agent.client.me();
    await page.locator('tbody[data-seq]').filter({ hasText: 'getMe' }).waitFor(WAIT);
    await page.getByLabel('Problem code').selectOption('invalid_signature');
    expect(await page.locator('tbody[data-seq]').count()).toBe(1);
    await page.getByLabel('Problem code').selectOption('');
    await page.getByLabel('Status').selectOption('2xx');
    expect(await page.locator('tbody[data-seq]').filter({ hasText: '401' }).count()).toBe(0);
    expect(await page.locator('tbody[data-seq]').filter({ hasText: 'getMe' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('injects a fault from the UI, and the next API call fails as configured', async () => {
    const { page, problems } = await open('faults');
    await page.getByLabel('Operation').selectOption('getPortfolio');
    await page.getByLabel('Kind').selectOption('error');
    await page.getByLabel('Status').selectOption('502');
    await page.getByLabel('For the next N calls').fill('1');
    await page.getByRole('button', { name: 'Inject fault' }).click();
    await page.getByTestId('faults').getByText('answer 502').waitFor(WAIT);
    expect((await mock.agent.client.portfolio()).status).toBe(502);
    expect((await mock.agent.client.portfolio()).status).toBe(200);
    // The fault's hit shows up live too.
    await page.getByText('None: every API call is answered normally.').or(page.getByTestId('faults').getByText('the next 0 call(s)')).waitFor(WAIT);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows webhook deliveries, and redelivers one from the UI', async () => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      received.push(String(req.headers['webhook-id']));
      res.writeHead(204).end();
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    try {
      const port = (receiver.address() as AddressInfo).port;
      await mock.agent.client.createWebhook({ url: `http://127.0.0.1:${port}/hook`, events: ['order.created'] });
      await mock.agent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: 100 });
      await fetch(`${mock.url}/__nx/webhooks/flush`, { method: 'POST' });
      expect(received).toHaveLength(1);
      const { page, problems } = await open('webhooks');
      await page.getByText('delivered').first().waitFor(WAIT);
      await page.getByRole('button', { name: /^Redeliver/ }).first().click();
      await page.getByText(/^Queued msg_/).waitFor(WAIT);
      await expect.poll(() => received.length, WAIT).toBe(2);
      expect(received[1]).toBe(received[0]); // the same message again: the same webhook-id
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      receiver.close();
    }
  });

  it("copies a request as a curl script with 'Copy as curl'", async () => {
    await mock.agent.client.me();
    const { page, problems } = await open('requests');
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: mock.url });
    const row = page.locator('tbody[data-seq]').filter({ hasText: 'getMe' });
    await row.getByRole('button').first().click(WAIT);
    await row.getByRole('button', { name: 'Copy as curl' }).click();
    await row.getByText('Copied the curl script.').waitFor(WAIT);
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toContain(`curl -sS -i -X GET '${mock.url}/v1/agent/me'`);
    expect(copied).toContain('X-NX-Key: $NX_API_KEY');
    expect(copied).not.toContain(mock.agent.apiKey);
    expect(problems).toEqual([]);
    await page.close();
  });
});

