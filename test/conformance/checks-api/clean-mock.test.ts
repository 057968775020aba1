// The API checks (schema, permissions, orders) against the clean mock: every one passes in both
// modes and none is skipped. They share a few pooled agents, because registrations are
// rate-limited per client address (30 a minute on the mock) and the whole catalogue registers
// through that one quota.
import { describe, expect, it } from 'vitest';
import { apiChecks } from '../../../src/conformance/checks/catalogue-part-api.js';
import { runAgainstMock } from '../../../src/conformance/self-test/run-self-test.js';
import { startMock } from '../../../src/mock/http/start-mock.js';
import { runOn } from './support.js';
import { findingLabel } from '../../../src/conformance/findings.js';

describe('the API checks against the clean mock', () => {
  it('all pass in sandbox and live mode, none skipped', async () => {
    const summary = await runAgainstMock(apiChecks, []);
    const bad = summary.findings.filter((f) => f.status !== 'pass');
    expect(bad.map((f) => `${findingLabel(f)}: ${f.message}${f.status === 'fail' ? `\n${f.actual}` : ''}`)).toEqual([]);
    expect(summary.findings.map(findingLabel).sort()).toEqual(apiChecks.flatMap((c) => c.modes.map((m) => `${c.id} [${m}]`)).sort());
  }, 30_000);

  it('register at most the six pooled agents per mode, one more when their quota runs low, and one fresh agent each for orders.pagination, orders.modify-funds and orders.book-walk (they need a whole starting cash); no request gets a 429', async () => {
    const mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z' });
    try {
      const before = mock.ctx.engine.stats().agents;
      const summary = await runOn(mock.baseUrl, apiChecks, ['sandbox']);
      expect(summary.counts.fail).toBe(0);
      expect(mock.ctx.engine.stats().agents - before).toBeLessThanOrEqual(10);
      const limited = mock.ctx.journal.list().filter((e) => e.status === 429);
      expect(limited).toEqual([]);
    } finally {
      await mock.close();
    }
  }, 30_000);
});
