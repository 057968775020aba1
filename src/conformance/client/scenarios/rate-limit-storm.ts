// The next few requests get 429 with Retry-After: a client must wait that long, then carry on.
import { each429, rateLimitCheck, earlyRetries } from '../checks/rate-limit.js';
import { describe, fail, pass, skip } from '../client-check.js';
import type { Scenario } from './scenario.js';

export const STORM_REQUESTS = 3;
const RETRY_AFTER_S = 1;

export const rateLimitStorm: Scenario = {
  name: 'rate-limit-storm',
  description: `the next ${STORM_REQUESTS} requests get 429 with Retry-After: ${RETRY_AFTER_S}; the client must wait, then get through`,
  setup(mock) {
    mock.ctx.faults.add({ operationId: '*', kind: 'error', status: 429, count: STORM_REQUESTS, retryAfterSeconds: RETRY_AFTER_S });
  },
  check: {
    id: 'scenario.rate-limit-storm',
    title: 'Backs off per Retry-After through a burst of 429s, then gets through',
    category: 'client',
    spec: rateLimitCheck.spec,
    run(run) {
      const limited = run.requests.filter((r) => r.status === 429);
      const last = limited.at(-1);
      if (!last) return skip('the client sent no requests, so the storm never hit');
      const early = earlyRetries(run.requests);
      const first = early[0];
      if (first) {
        return fail(
          run,
          `Retried ${first.waitedMs} ms after a 429 that asked for Retry-After: ${first.neededMs / 1000}`,
          `at least ${first.neededMs} ms between each 429 and the next request`,
          early.map((e) => `${e.waitedMs} ms, then ${describe(e.next)}`).join('\n'),
          early.flatMap((e) => [e.next, e.limited]),
          { rerun: true },
        );
      }
      const recovered = run.requests.find((r) => r.receivedAt >= last.at && r.status !== 429);
      if (!recovered) return fail(run, 'The client gave up after the 429s instead of retrying', 'a request after Retry-After that gets through', `${limited.length === 1 ? 'one 429' : `${limited.length} 429s`}, then nothing`, [last], { rerun: true });
      return pass(`waited Retry-After after ${each429(limited.length)}, then got ${recovered.status}`);
    },
  },
};
