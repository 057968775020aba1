// The mock's clock runs 25 s ahead of the client's: inside the ±30 s window, so a client that
// signs with a fresh timestamp per request still authenticates every time.
import { createClock } from '../../../mock/engine/clock.js';
import { realNow } from '../../../mock/real-time.js';
import { mustSign } from '../request-rules.js';
import { failEach, skip } from '../client-check.js';
import type { Scenario } from './scenario.js';

export const SKEW_MS = 25_000;

export const clockSkew: Scenario = {
  name: 'clock-skew',
  description: `the mock's clock is ${SKEW_MS / 1000} s ahead of the client's; every signed request must still authenticate`,
  mockOptions: () => ({ clock: createClock('real', () => realNow() + SKEW_MS) }),
  check: {
    id: 'scenario.clock-skew',
    title: `Still authenticates with the server clock ${SKEW_MS / 1000} s ahead`,
    category: 'client',
    spec: 'The server accepts |serverNow − timestamp| ≤ 30 000 ms (SIGNING.md, Time window).',
    run(run) {
      const signed = run.requests.filter(mustSign);
      if (signed.length === 0) return skip('the client signed no requests (sandbox needs no timestamp)');
      const bad = signed.filter((r) => r.status === 401).map((rec) => ({ rec, problem: `refused with ${rec.problemCode ?? '401'}` }));
      return failEach(run, bad, signed.length, 'every signed request to authenticate');
    },
  },
};
