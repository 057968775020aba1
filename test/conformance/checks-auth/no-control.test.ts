// The auth checks against a server without the control API (the mock started with --no-control
// on a real clock, as anyone's server looks to the runner): the signing checks use this
// machine's clock, the daily-loss breaker is tripped by round trips, and the Retry-After check
// skips unless --slow lets it really wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../../src/mock/http/start-mock.js';
import { lines, runAuthChecks } from './support.js';
import { findingLabel } from '../../../src/conformance/findings.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, control: false });
});
afterAll(async () => {
  await mock.close();
});

describe('the auth checks against a server without the control API', () => {
  it('pass with the round-trip form; the latch is partial and the Retry-After wait skips (no --slow)', async () => {
    const summary = await runAuthChecks(mock.baseUrl);
    expect(lines(summary).filter((l) => !l.startsWith('pass'))).toEqual([
      "skip rate-limit.recovers-after-retry-after [sandbox]: needs to wait 1 s on the server's clock: run with --slow, or against a mock started with --clock virtual:ISO",
      "skip timestamp.window-edges-exact [live]: needs the server's time to the millisecond while a request travels: a server whose control API gives a virtual or fixed clock (the mock with --clock virtual:ISO)",
      'partial breaker.daily-loss-latches [live]: the breaker tripped after losing 5 USD in round trips (403 daily_loss_limit_reached with resetsAt; /portfolio shows it)',
      "skip breaker.daily-loss-resets [live]: needs the server's clock moved to the next 00:00 UTC: a server whose control API gives a virtual clock (the mock with --clock virtual:ISO)",
    ]);
    const forms = Object.fromEntries(summary.findings.filter((f) => f.checkId.startsWith('breaker.')).map((f) => [findingLabel(f), f.status === 'skip' ? 'skip' : `${f.status} ${f.form}`]));
    expect(forms).toEqual({
      'breaker.max-position-enforced [live]': 'pass undefined',
      'breaker.daily-loss-latches [live]': 'partial round-trip',
      'breaker.reduce-only-passes [live]': 'pass round-trip',
      'breaker.live-defaults [live]': 'pass undefined',
      'breaker.daily-loss-resets [live]': 'skip',
    });
  }, 30_000);

  it('with --slow, Retry-After is really waited out on the wall clock', async () => {
    const summary = await runAuthChecks(mock.baseUrl, ['rate-limit.recovers-after-retry-after'], { slow: true });
    expect(summary.findings.map((f) => [findingLabel(f), f.status, f.status === 'pass' ? f.form : f.message])).toEqual([
      ['rate-limit.recovers-after-retry-after [sandbox]', 'pass', 'wall-clock'],
    ]);
  }, 30_000);
});
