// The first requests are slowed down: the client must still finish, and within its time-out
// (a client with no request time-out, or one that crashes on a slow answer, shows here).
import { exitCheck } from '../checks/exit.js';
import { skip } from '../client-check.js';
import type { Scenario } from './scenario.js';

export const LATENCY_MS = 1000;

export const latency: Scenario = {
  name: 'latency',
  description: `the first 2 requests take ${LATENCY_MS}–${LATENCY_MS + 500} ms; the client must still finish within its time-out`,
  setup(mock) {
    mock.ctx.faults.add({ operationId: '*', kind: 'latency', latencyMs: LATENCY_MS, jitterMs: 500, count: 2 });
  },
  check: {
    id: 'scenario.latency',
    title: 'Finishes despite latency spikes, within its time-out',
    category: 'client',
    spec: 'Answers may be slow; a client handles slow answers (time-outs, retries) and still completes.',
    run(run) {
      if (run.faultHits === 0 && !run.exit.timedOut) return skip('the client sent no requests, so no answer was slowed');
      const outcome = exitCheck.run(run);
      return outcome.status === 'pass' ? { ...outcome, message: `${run.faultHits} slow answers; ${outcome.message}` } : outcome;
    },
  },
};
