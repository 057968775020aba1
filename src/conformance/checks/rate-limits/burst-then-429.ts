import type { Check } from '../../check.js';
import { expectProblem, pass } from '../expect.js';
import { exhaust, PROBE_TEXT, retryAfterOf } from './rate-limit-helpers.js';

export const burstThen429: Check = {
  id: 'rate-limit.burst-then-429',
  title: 'A fresh agent may send its whole quota at once; the next request gets 429 with Retry-After',
  category: 'rate-limits',
  spec: 'README, "Rate limits": "60 requests per minute per agent means a burst of 60 is allowed, the 61st is refused"; a 429 is problem+json rate_limited with "Retry-After: Seconds to wait before the next request will be accepted" (integer, minimum 1).',
  modes: ['sandbox'],
  needs: { register: true, budget: 70 },
  async run(ctx) {
    const agent = await ctx.agent({ fresh: true, permissions: ['read:market'], budget: 70 });
    ctx.reproduceNote = `a burst of ${PROBE_TEXT} from one fresh agent`;
    const { limit, accepted, refused } = await exhaust(ctx, agent, true);
    ctx.reproduceNote = `request ${accepted + 1} of a burst of ${PROBE_TEXT} from one fresh agent whose limit is ${limit}`;
    const retryAfter = retryAfterOf(ctx, refused);
    expectProblem(ctx, refused, 429, ['rate_limited'], `the refusal of request ${accepted + 1}`);
    return pass(`${accepted} requests accepted (limit ${limit}); request ${accepted + 1} got 429 rate_limited with Retry-After: ${retryAfter}`);
  },
};
