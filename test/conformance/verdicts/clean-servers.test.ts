// No false failures: the whole catalogue against correct servers that look like the ones users
// have: the mock on a real clock with the control API and latency faults (a remote server), its
// burst slower than a second; without the control API, with and without --slow; and behind a
// transparent proxy. (npm run verdicts repeats these 20 times with CPU hogs beside them.)
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src/conformance/catalogue.js';
import { burstThen429 } from '../../../src/conformance/checks/rate-limits/burst-then-429.js';
import { startProxy } from '../../../src/conformance/proxy/index.js';
import { createControlClient } from '../../../src/client/control-client.js';
import { startMock, type StartMockOptions } from '../../../src/mock/http/start-mock.js';
import { notPassed, runWhole } from './support.js';

/** What a real clock cannot give: the window's edges to the millisecond, and midnight on demand. */
const REAL_CLOCK_SKIPS = ['skip timestamp.window-edges-exact [live]', 'skip breaker.daily-loss-resets [live]'];
/** A moving market: which book side an order takes, exactly, needs the market to stand still. */
const MOVING_MARKET = 'partial orders.book-walk [sandbox]';
/** Without the control API the daily-loss latch is partial, reported in its place in the catalogue. */
const withLatch = (skips: string[]): string[] => [skips[0] ?? '', 'partial breaker.daily-loss-latches [live]', ...skips.slice(1)];

async function withMock<T>(options: StartMockOptions, use: (mock: Awaited<ReturnType<typeof startMock>>) => Promise<T>): Promise<T> {
  const mock = await startMock({ port: 0, ...options });
  try {
    return await use(mock);
  } finally {
    await mock.close();
  }
}

// The scenarios run side by side: each has a mock of its own, and most of their time is spent
// waiting on a real clock (the registration quota's Retry-After, latency faults), so one after
// the other they held a test worker for ~30 s doing little. Side by side they also load the
// runner's process the way a busy CI machine does, which the verdicts must survive anyway.
describe.concurrent('the catalogue against correct servers: no false failures', () => {
  it('real clock, control API, 25 ms latency on GET /market (the issue\'s remote server)', async () => {
    await withMock({}, async (mock) => {
      await createControlClient(mock.url).injectFault({ operationId: 'getMarket', kind: 'latency', latencyMs: 25, count: 200 });
      const summary = await runWhole(mock.baseUrl, catalogue);
      // A real clock cannot be moved: the Retry-After wait needs --slow, midnight and the window's exact edges a virtual clock.
      expect(notPassed(summary)).toEqual(['skip rate-limit.recovers-after-retry-after [sandbox]', MOVING_MARKET, ...REAL_CLOCK_SKIPS]);
    });
  }, 120_000);

  it('real clock, 600 ms latency on GET /market: a burst that takes more than a second', async () => {
    await withMock({}, async (mock) => {
      await createControlClient(mock.url).injectFault({ operationId: 'getMarket', kind: 'latency', latencyMs: 600 });
      const summary = await runWhole(mock.baseUrl, [burstThen429]);
      expect(notPassed(summary)).toEqual([]);
      expect(summary.findings[0]?.durationMs).toBeGreaterThan(1_000);
    });
  }, 120_000);

  it('without the control API: the latch is partial, the Retry-After wait skips', async () => {
    await withMock({ control: false }, async (mock) => {
      const summary = await runWhole(mock.baseUrl, catalogue);
      expect(notPassed(summary)).toEqual(['skip rate-limit.recovers-after-retry-after [sandbox]', MOVING_MARKET, ...withLatch(REAL_CLOCK_SKIPS)]);
    });
  }, 120_000);

  it('without the control API, with --slow: the Retry-After wait happens on the wall clock', async () => {
    await withMock({ control: false }, async (mock) => {
      const summary = await runWhole(mock.baseUrl, catalogue, { slow: true });
      expect(notPassed(summary)).toEqual([MOVING_MARKET, ...withLatch(REAL_CLOCK_SKIPS)]);
      expect(summary.findings.find((f) => f.checkId === 'rate-limit.recovers-after-retry-after')?.form).toBe('wall-clock');
    });
  }, 120_000);

  it('behind a transparent proxy (the control API passed through)', async () => {
    await withMock({ clock: 'virtual:2026-01-05T12:00:00Z' }, async (mock) => {
      const proxy = await startProxy({ target: mock.url });
      try {
        const summary = await runWhole(proxy.baseUrl, catalogue);
        expect(notPassed(summary)).toEqual([]);
        // The runner's deliberate mistakes are request violations; every answer of the mock conforms.
        expect(proxy.report().findings.find((f) => f.checkId === 'proxy.response-conforms')?.status).toBe('pass');
      } finally {
        await proxy.close();
      }
    });
  }, 120_000);
});
