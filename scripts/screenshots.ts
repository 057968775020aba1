// `npm run screenshots`: regenerates the README's pictures (docs/images/) of each dashboard view
// and of the HTML report, from a mock with some activity, in Debian's chromium. Also prints the
// dashboard's bundle size and page-load time (median of several loads), the figures the README
// quotes. Deterministic scene: virtual clock, seed 42, the demo agents.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../src/cli/main.js';
import { startMock } from '../src/mock/http/start-mock.js';
import { startTestMock } from '../src/testing/index.js';
import { launchBrowser } from '../test/browser/support/browser.js';
import { buildUi } from './build-ui.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const images = join(root, 'docs', 'images');
const viewport = { width: 1100, height: 680 };

async function scene() {
  // A virtual clock: the scene moves time, and the screenshots are the same on every run.
  const mock = await startTestMock({ clock: 'virtual:2026-01-05T12:00:00Z' });
  // A receiver that takes every delivery, so the Webhooks view has something to show.
  const receiver = createServer((_req, res) => res.writeHead(204).end());
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const port = (receiver.address() as { port: number }).port;
  await mock.agent.client.createWebhook({ url: `http://127.0.0.1:${port}/hooks`, events: ['order.filled', 'order.created'] });
  await mock.agent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.02 });
  await mock.control.advance(45 * 60_000);
  await mock.agent.client.placeOrder({ symbol: 'ETH', side: 'buy', type: 'limit', quantity: 1.5, price: 3000 });
  await mock.liveAgent.client.placeOrder({ symbol: 'SOL', side: 'buy', type: 'market', quantity: 10 });
  await mock.control.advance(30 * 60_000);
  const ts = String(await mock.control.now());
  const signed = `${ts}GET/v1/agent/portfolio`;
  await fetch(`${mock.baseUrl}/portfolio`, { headers: { 'x-nx-key': mock.liveAgent.apiKey, 'x-nx-timestamp': ts, 'x-nx-signature': createHmac('sha256', mock.liveAgent.apiSecret).update(signed).digest('hex') } });
  await mock.control.injectFault({ operationId: 'placeOrder', kind: 'error', status: 503, count: 2 });
  await mock.control.injectFault({ operationId: '*', kind: 'latency', latencyMs: 250, jitterMs: 100, ratio: 0.1 });
  await fetch(`${mock.url}/__nx/webhooks/flush`, { method: 'POST' });
  return { mock, close: async () => (await mock.close(), receiver.close()) };
}

async function reportFile(dir: string): Promise<string> {
  const mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', defects: ['wide-window'] });
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = () => true;
  try {
    await main(['server', '--base-url', mock.baseUrl, '--allow-live-orders', '--reporter', 'html', '--out', dir]);
  } finally {
    process.stderr.write = write;
    await mock.close();
  }
  return join(dir, 'nx-conformance.html');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const built = await buildUi();
const { mock, close } = await scene();
const browser = await launchBrowser({ viewport });
const dir = await mkdtemp(join(tmpdir(), 'nx-screenshots-'));
try {
  const { page, problems } = await browser.page();
  const shots: Array<[string, string, () => Promise<void>]> = [
    ['overview', 'overview', async () => void (await page.locator('[data-testid="rpm"]').waitFor())],
    ['markets', 'markets/BTC', async () => void (await page.locator('.candles[data-last-time]').waitFor())],
    ['agents', `agents/${mock.agent.agentId}`, async () => void (await page.getByTestId('orders').waitFor())],
    ['requests', 'requests', async () => {
      const row = page.locator('tbody[data-seq]').filter({ hasText: 'invalid_signature' });
      await row.getByRole('button').first().click();
      await row.getByRole('region').waitFor();
    }],
    ['webhooks', 'webhooks', async () => void (await page.getByText('delivered').first().waitFor())],
    ['faults', 'faults', async () => void (await page.getByTestId('faults').waitFor())],
  ];
  for (const [name, hash, ready] of shots) {
    await page.goto(`${mock.url}/__nx/ui#/${hash}`);
    await page.locator('.live.on').waitFor();
    await ready();
    await page.waitForTimeout(300); // let the charts finish their first paint
    await page.screenshot({ path: join(images, `dashboard-${name}.png`) });
  }
  // Page load: navigation start to the load event, and to the first live data on screen.
  const loads: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < 9; i++) {
    await page.goto('about:blank'); // a fresh load each time, not a same-document hash change
    const t0 = performance.now();
    await page.goto(`${mock.url}/__nx/ui#/overview`);
    await page.locator('[data-testid="seed"]').waitFor();
    ready.push(performance.now() - t0);
    loads.push(Number(await page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")));
  }
  await page.goto(pathToFileURL(await reportFile(dir)).href);
  await page.screenshot({ path: join(images, 'report.png') });
  if (problems.length > 0) throw new Error(`the pages reported problems:\n${problems.join('\n')}`);
  console.log(`screenshots in ${images}`);
  console.log(`dashboard bundle: ${(built.raw / 1024).toFixed(1)} kB, ${(built.gzip / 1024).toFixed(1)} kB gzipped`);
  console.log(`page load (median of ${loads.length}): load event ${median(loads).toFixed(0)} ms, first data on screen ${median(ready).toFixed(0)} ms`);
} finally {
  await browser.close();
  await close();
  await rm(dir, { recursive: true, force: true });
}
