import type { Check } from '../../check.js';
import { expectProblem, pass } from '../expect.js';
import { exhaust, intHeader, PROBE_TEXT, retryAfterOf } from './rate-limit-helpers.js';

export const burstThen429: Check = {
  id: 'rate-limit.burst-then-429',
  title: 'A fresh agent may send its whole quota at once; the next request gets 429 with Retry-After; Remaining tracks what was spent',
  category: 'rate-limits',
  spec: 'README, "Rate limits": "60 requests per minute per agent means a burst of 60 is allowed, the 61st is refused, and one more request is allowed every second after that"; X-RateLimit-Remaining "Requests left"; a 429 is problem+json rate_limited with "Retry-After: Seconds to wait before the next request will be accepted" (integer, minimum 1).',
  requirements: ['ratelimit.burst', 'ratelimit.refused-429', 'ratelimit.retry-after', 'ratelimit.remaining.first', 'ratelimit.remaining.exhausted'],
  modes: ['sandbox'],
  needs: { register: true, budget: 90 },
  async run(ctx) {
    const agent = await ctx.agent({ fresh: true, permissions: ['read:market'], budget: 90 });
    ctx.reproduceNote = `a fresh agent's first request, ${PROBE_TEXT}`;
    const { limit, windowS, first, accepted, refused, elapsedMs } = await exhaust(ctx, agent, true);

    // A fresh agent's quota is full: its first request leaves exactly limit − 1, whatever time passes.
    const firstRemaining = intHeader(first, 'x-ratelimit-remaining');
    if (firstRemaining !== limit - 1) {
      ctx.fail(
        `A fresh agent's first request says X-RateLimit-Remaining: ${first.headers['x-ratelimit-remaining'] ?? '(none)'}, but its quota of ${limit} was full, so ${limit - 1} are left`,
        `X-RateLimit-Remaining: ${limit - 1}`,
        `X-RateLimit-Remaining: ${first.headers['x-ratelimit-remaining'] ?? '(none)'}`,
        `a fresh agent's first request, ${PROBE_TEXT}: X-RateLimit-Remaining must be ${limit - 1}`,
      );
    }
    // The last request accepted before the 429 used the last unit: it says 0, plus what refilled meanwhile.
    const refill = ctx.clock.refilled(elapsedMs, limit, windowS * 1000);
    const remainders = accepted.map((res) => intHeader(res, 'x-ratelimit-remaining')).filter((r): r is number => r !== undefined);
    const lowest = Math.min(...remainders);
    if (remainders.length < accepted.length || lowest > refill) {
      ctx.reproduceNote = `a burst of ${accepted.length} ${PROBE_TEXT} from one fresh agent whose limit is ${limit}, until the 429`;
      ctx.fail(
        `The requests accepted before the 429 never said the quota was used up: the lowest X-RateLimit-Remaining among them was ${remainders.length < accepted.length ? '(missing on some)' : lowest}`,
        `X-RateLimit-Remaining: ${refill === 0 ? '0' : `at most ${refill} (refilled in ${(elapsedMs / 1000).toFixed(1)} s)`} on the last request accepted before the 429`,
        `X-RateLimit-Remaining values: ${[...new Set(remainders)].sort((a, b) => a - b).slice(0, 10).join(', ')}`,
      );
    }
    ctx.reproduceNote = `request ${accepted.length + 1} of a burst of ${PROBE_TEXT} from one fresh agent whose limit is ${limit}`;
    const retryAfter = retryAfterOf(ctx, refused);
    expectProblem(ctx, refused, 429, ['rate_limited'], `the refusal of request ${accepted.length + 1}`);
    const member = (refused.json as { retryAfter?: unknown } | undefined)?.retryAfter;
    if (member !== undefined && member !== retryAfter) {
      ctx.fail(`The 429 problem says retryAfter ${JSON.stringify(member)} but its Retry-After header says ${retryAfter}`, `retryAfter: ${retryAfter} (as Retry-After)`, refused.text.slice(0, 300));
    }
    // The 429 still says when the quota is whole again: a refused request spends nothing, so at most the window.
    const reset = intHeader(refused, 'x-ratelimit-reset');
    if (reset !== undefined && (reset < 1 || reset > windowS)) {
      ctx.fail(`The 429 says X-RateLimit-Reset: ${reset}, outside 1…${windowS} s: a refused request must not push the quota's reset past the window`, `X-RateLimit-Reset between 1 and ${windowS}`, `X-RateLimit-Reset: ${reset}`);
    }
    return pass(
      `${accepted.length} requests accepted at once (limit ${limit}; Remaining ${limit - 1} after the first, ${lowest} after the last); the next got 429 rate_limited with Retry-After: ${retryAfter}`,
    );
  },
};
