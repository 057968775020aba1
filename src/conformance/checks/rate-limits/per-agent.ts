import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { exhaust, ok, probe, PROBE_TEXT } from './rate-limit-helpers.js';

export const perAgent: Check = {
  id: 'rate-limit.per-agent',
  title: 'One agent using up its quota does not limit another agent',
  category: 'rate-limits',
  spec: 'README, "Rate limits": "60 requests per minute per agent"; only registration "is limited per client address" — an agent\'s quota is its own, whatever address its requests come from.',
  requirements: ['ratelimit.per-agent'],
  modes: ['sandbox'],
  needs: { register: true, budget: 70 },
  async run(ctx) {
    const first = await ctx.agent({ fresh: true, permissions: ['read:market'], budget: 70 });
    ctx.reproduceNote = `a burst of ${PROBE_TEXT} from agent A (fresh), until the server answers 429`;
    const { accepted } = await exhaust(ctx, first, false);
    // B is any other agent with quota left (a pooled one when the pool has it).
    const second = await ctx.agent({ permissions: ['read:market'], budget: 2 });
    const res = await probe(second);
    ctx.reproduceNote = `${PROBE_TEXT} from agent B (another agent with quota left) right after agent A (same client address) got 429`;
    if (res.status === 429) {
      ctx.fail(
        `Agent B, which had quota left, was refused with 429 right after agent A used up its quota: the limit is shared (counted per client address?) instead of per agent`,
        'a 2xx answer for agent B',
        `${res.status} ${res.text.slice(0, 200)}`,
      );
    }
    if (!ok(res)) ctx.fail(`${PROBE_TEXT} from agent B failed with ${res.status}`, 'a 2xx answer', `${res.status} ${res.text.slice(0, 200)}`);
    return pass(`agent A was refused after ${accepted} requests; agent B, from the same address, was still served right after`);
  },
};
