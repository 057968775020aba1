// The broken servers of issue 10, each of which used to pass every check: each now fails the
// check meant for it (or, where a black box cannot tell, is reported partial, never a pass).
// Each is the mock behind a small proxy that gets one thing wrong.
import { describe, expect, it } from 'vitest';
import { burstThen429 } from '../../../src/conformance/checks/rate-limits/burst-then-429.js';
import { crossAgentLists } from '../../../src/conformance/checks/permissions/cross-agent-lists.js';
import { dailyLossLatches } from '../../../src/conformance/checks/circuit-breakers/daily-loss-latches.js';
import { findingLabel } from '../../../src/conformance/findings.js';
import { runChecks } from '../../../src/conformance/run-checks.js';
import { startMock } from '../../../src/mock/http/start-mock.js';
import { runAgainstBroken, type ProxiedRequest } from '../checks-auth/support.js';

const keyOf = (req: ProxiedRequest): string => req.headers['x-nx-key'] ?? '';
const pathOf = (req: ProxiedRequest): string => req.url.replace(/\?.*$/, '');

/** Remembers every object a list operation returned to each key, and serves all of them to everyone. */
function leakyList(path: string) {
  const seen = new Map<string, Map<string, unknown>>();
  return {
    response(res: { status: number; body: string }, req: ProxiedRequest) {
      if (req.method !== 'GET' || pathOf(req) !== path || res.status !== 200) return;
      const body = JSON.parse(res.body) as { data: Array<Record<string, unknown>> };
      const mine = seen.get(keyOf(req)) ?? new Map<string, unknown>();
      for (const item of body.data) mine.set(String(item.orderId ?? item.id), item);
      seen.set(keyOf(req), mine);
      for (const [key, items] of seen) if (key !== keyOf(req)) body.data.push(...(items.values() as Iterable<Record<string, unknown>>));
      res.body = JSON.stringify(body);
    },
  };
}

describe('broken servers from issue 10 fail the check meant for them', () => {
  it("GET /orders also returns other agents' orders → permission.cross-agent-lists", async () => {
    const summary = await runAgainstBroken(leakyList('/v1/agent/orders'), [crossAgentLists.id], {}, [crossAgentLists]);
    const failed = summary.findings.filter((f) => f.status === 'fail');
    expect(failed.map(findingLabel)).toEqual(['permission.cross-agent-lists [sandbox]', 'permission.cross-agent-lists [live]']);
    expect(failed[0]?.message).toMatch(/^Another agent's data reached this agent: GET \/orders\?symbol=BTC lists the other agent's order ord_/);
  }, 60_000);

  it("GET /webhooks also returns other agents' webhooks → permission.cross-agent-lists", async () => {
    const summary = await runAgainstBroken(leakyList('/v1/agent/webhooks'), [crossAgentLists.id], {}, [crossAgentLists]);
    const failed = summary.findings.filter((f) => f.status === 'fail');
    expect(failed).toHaveLength(2);
    expect(failed[0]?.message).toMatch(/GET \/webhooks lists the other agent's webhook wh_/);
  }, 60_000);

  it('X-RateLimit-Remaining (and RateLimit r=) one too high → rate-limit.burst-then-429', async () => {
    const oneTooHigh = {
      response(res: { headers: Record<string, string> }) {
        const remaining = res.headers['x-ratelimit-remaining'];
        if (remaining === undefined) return;
        res.headers['x-ratelimit-remaining'] = String(Number(remaining) + 1);
        if (res.headers.ratelimit) res.headers.ratelimit = res.headers.ratelimit.replace(/r=(\d+)/, (_m, r: string) => `r=${Number(r) + 1}`);
      },
    };
    const summary = await runAgainstBroken(oneTooHigh, [burstThen429.id], {}, [burstThen429]);
    const [finding] = summary.findings;
    expect(finding?.status).toBe('fail');
    expect(finding?.status === 'fail' && finding.message).toBe("A fresh agent's first request says X-RateLimit-Remaining: 60, but its quota of 60 was full, so 59 are left");
  }, 60_000);

  it('a daily-loss breaker that unlatches when the price recovers, without the control API → partial, not pass', async () => {
    const mock = await startMock({ port: 0, control: false, defects: ['unlatched-daily-loss'] });
    try {
      const summary = await runChecks({ baseUrl: mock.baseUrl, checks: [dailyLossLatches], modes: ['live'], allowLiveOrders: true, slow: false, timeoutMs: 10_000, seed: 42 });
      const [finding] = summary.findings;
      expect(finding).toMatchObject({ status: 'partial', form: 'round-trip', untested: expect.stringContaining('stays tripped when the price recovers') });
      expect(summary.verdict).toBe('pass');
      const strict = await runChecks({ baseUrl: mock.baseUrl, checks: [dailyLossLatches], modes: ['live'], allowLiveOrders: true, slow: false, timeoutMs: 10_000, seed: 42, strict: true });
      expect(strict.verdict).toBe('fail');
    } finally {
      await mock.close();
    }
  }, 60_000);
});
