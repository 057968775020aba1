import type { Check } from '../../check.js';
import { expectProblem, expectSuccess, pass } from '../expect.js';
import { retryAfterOf } from '../rate-limits/rate-limit-helpers.js';

/**
 * Failures sent before concluding: within the agent's own quota of 60 a minute by default (no
 * waiting), and with --slow far more, paced by that quota, before calling the budget missing.
 */
const QUICK_FAILURES = 59;
const SLOW_FAILURES = 150;

export const failedAuthBudgeted: Check = {
  id: 'signature.failed-auth-budgeted',
  title: 'Repeated 401s for one API key turn into 429 rate_limited with Retry-After; another agent is not held back',
  category: 'signatures',
  spec: 'Introduction: "Failed authentication is budgeted: too many 401s for one API key, or from one address without a known key, within a minute turn into 429 rate_limited with Retry-After. A client with a valid key is never held back by others\' failures."',
  requirements: ['auth.failed-budget'],
  modes: ['live'],
  // A fresh agent spends its own budget (the given agent's serves the other signing checks).
  needs: { register: true, budget: QUICK_FAILURES + 2 },
  async run(ctx) {
    const max = ctx.options.slow ? SLOW_FAILURES : QUICK_FAILURES;
    const agent = await ctx.agent({ fresh: true, permissions: ['read:market'], budget: max + 1 });
    const bystander = await ctx.agent({ fresh: true, permissions: ['read:market'], budget: 1 });
    const secret = `nx-conformance-wrong-secret-${agent.apiSecret.length}-0123456789abcdef`;
    for (let n = 1; n <= max; n++) {
      ctx.reproduceSigning = { secret };
      const res = await agent.client.send('GET', '/me', { secret });
      if (res.status === 401) continue;
      ctx.reproduceNote = `the ${n}th GET /me signed with a wrong secret from one fresh agent, within a minute`;
      expectProblem(ctx, res, 429, ['rate_limited'], `the ${n}th request signed with a wrong secret (after ${n - 1} 401s)`);
      const retryAfter = retryAfterOf(ctx, res);
      const other = await bystander.client.me();
      expectSuccess(ctx, other, "GET /me by another agent while the first one's failures are over budget");
      return pass(`after ${n - 1} 401s within a minute the key got 429 rate_limited (Retry-After: ${retryAfter}); another agent was still served`);
    }
    if (!ctx.options.slow) {
      return ctx.partial(
        `${max} requests signed with a wrong secret from one API key within a minute all got 401, and no 429`,
        `whether the server has a larger budget for failed authentications (the spec gives no number; more failures than ${max} would wait on the agent's quota)`,
        `run with --slow: up to ${SLOW_FAILURES} failures, paced by the agent's quota`,
      );
    }
    ctx.reproduceNote = `GET /me signed with a wrong secret, the last of ${max} sent by one fresh agent`;
    return ctx.fail(
      `${max} requests signed with a wrong secret from one API key all got 401: failed authentication is not budgeted`,
      '429 rate_limited with Retry-After once too many 401s were answered within a minute',
      `${max} × 401`,
    );
  },
};
