import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { exhaust, ok, probe, PROBE_TEXT, retryAfterOf } from './rate-limit-helpers.js';

export const recoversAfterRetryAfter: Check = {
  id: 'rate-limit.recovers-after-retry-after',
  title: 'A request sent Retry-After seconds after a 429 is accepted',
  category: 'rate-limits',
  spec: 'Spec, components.headers.Retry-After: "Seconds to wait before the next request will be accepted"; README: "a 429 carries Retry-After, and a request sent after that many seconds is accepted".',
  requirements: ['ratelimit.retry-after.honoured'],
  modes: ['sandbox'],
  needs: { register: true, budget: 70 },
  async run(ctx) {
    // Skips at once (before spending an agent) when the server's clock can be neither moved nor waited on.
    ctx.waitForm(1000);
    const agent = await ctx.agent({ fresh: true, permissions: ['read:market'], budget: 70 });
    ctx.reproduceNote = `a burst of ${PROBE_TEXT} from one fresh agent, until the server answers 429`;
    const { refused } = await exhaust(ctx, agent, false);
    const retryAfter = retryAfterOf(ctx, refused);
    // On a clock the runner moves exactly, Retry-After must also be no longer than needed: a second
    // before it, the request is still refused (a GCRA quota refills one request per interval).
    if (retryAfter > 1 && ctx.waitForm(1000) === 'control-clock') {
      await ctx.wait((retryAfter - 1) * 1000, 'all but the last second of Retry-After');
      const early = await probe(agent);
      ctx.reproduceNote = `${PROBE_TEXT} sent ${retryAfter - 1} s after a 429 that said Retry-After: ${retryAfter} (mock's virtual clock)`;
      if (ok(early)) {
        ctx.fail(
          `A request sent ${retryAfter - 1} s after a 429 was accepted although the 429 said Retry-After: ${retryAfter}: Retry-After overstates the wait`,
          `429 until ${retryAfter} s have passed`,
          `${early.status} ${early.text.slice(0, 200)}`,
        );
      }
      await ctx.wait(1000, 'the last second of Retry-After');
    }
    const form = retryAfter > 1 && ctx.waitForm(1000) === 'control-clock' ? 'control-clock' : await ctx.wait(retryAfter * 1000, `the 429's Retry-After (${retryAfter} s) before the next request`);
    const res = await probe(agent);
    ctx.reproduceNote = `${PROBE_TEXT} sent ${retryAfter} s (the 429's Retry-After) after the 429, on the ${form === 'control-clock' ? "mock's virtual clock" : 'wall clock'}`;
    if (!ok(res)) {
      ctx.fail(
        `The server refused a request sent ${retryAfter} s after a 429 that said Retry-After: ${retryAfter} (answered ${res.status}): Retry-After must say when a request will be accepted`,
        'a 2xx answer',
        `${res.status} ${res.text.slice(0, 200)}`,
      );
    }
    return pass(`after waiting the 429's Retry-After (${retryAfter} s) the next request was accepted`, form);
  },
};
