import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { startTestMock } from './src/testing/index.js';
import { createHmac } from 'node:crypto';
const m = await startTestMock();
await m.agent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01 });
await m.control.advance(3_600_000);
await m.agent.client.placeOrder({ symbol: 'ETH', side: 'buy', type: 'limit', quantity: 1, price: 1000 });
await m.control.advance(600_000);
const ts = String(m.mock.ctx.clock.now());
await fetch(m.baseUrl + '/me', { headers: { 'x-nx-key': m.liveAgent.apiKey, 'x-nx-timestamp': ts, 'x-nx-signature': createHmac('sha256', m.liveAgent.apiSecret).update(`${ts}GET/v1/agent/me`).digest('hex') } });
await m.control.injectFault({ operationId: 'getMe', kind: 'error', status: 503, count: 2 });
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/pwud-'), { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await ctx.newPage();
page.on('console', (msg) => console.log('console', msg.type(), msg.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
for (const view of ['overview', 'markets', `agents/${m.agent.agentId}`, 'requests', 'webhooks', 'faults']) {
  await page.goto(`${m.url}/__nx/ui#/${view}`);
  await page.waitForTimeout(800);
  if (view === 'requests') await page.locator('tbody[data-seq] button.link').first().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/look-${view.split('/')[0]}.png`, fullPage: true });
}
await ctx.close();
await m.close();
