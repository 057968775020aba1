// placeOrder answers 503 once. A resilient client retries after a backoff, and for POST /orders
// only with a clientOrderId: a 503 may hide an order that was placed, and the id makes the retry
// idempotent instead of a second order.
import type { RawRequestRecord } from '../../../mock/index.js';
import { describe, fail, pass, skip } from '../client-check.js';
import type { Scenario } from './scenario.js';

/** Less than this between the 503 and the retry is a tight loop, not a backoff. */
export const MIN_BACKOFF_MS = 100;

function clientOrderIdOf(rec: RawRequestRecord): unknown {
  try {
    return (JSON.parse(rec.body.toString('utf8')) as { clientOrderId?: unknown }).clientOrderId;
  } catch {
    return undefined;
  }
}

export const transient503: Scenario = {
  name: 'transient-503',
  description: 'the first POST /orders gets 503; the client must retry after a backoff, with a clientOrderId',
  setup(mock) {
    mock.ctx.faults.add({ operationId: 'placeOrder', kind: 'error', status: 503, count: 1 });
  },
  check: {
    id: 'scenario.transient-503',
    title: 'Retries a 503 on placeOrder after a backoff, with a clientOrderId',
    category: 'client',
    spec: 'clientOrderId makes a retry safe: the same id with the same body returns the first order (200, Idempotent-Replayed: true). Retry 5xx with backoff.',
    run(run) {
      const failed = run.requests.find((r) => r.operationId === 'placeOrder' && r.status === 503);
      if (!failed) return skip('the client placed no order, so the 503 never fired');
      const retry = run.requests.find((r) => r !== failed && r.operationId === 'placeOrder' && r.receivedAt >= failed.at);
      const expected = `a retry of POST /orders after ≥ ${MIN_BACKOFF_MS} ms, carrying a clientOrderId`;
      if (!retry) return fail(run, 'The client did not retry the order after a transient 503', expected, `${describe(failed)}, then no POST /orders`, [failed], { rerun: true });
      const id = clientOrderIdOf(retry);
      if (typeof id !== 'string' || id === '') {
        return fail(run, 'Retried POST /orders without a clientOrderId: if the 503 hid a placed order, this places it twice', expected, `${describe(retry)} without clientOrderId`, [retry, failed], { rerun: true });
      }
      const waited = retry.receivedAt - failed.at;
      if (waited < MIN_BACKOFF_MS) return fail(run, `Retried after ${waited} ms, without backing off`, expected, `${describe(retry)} ${waited} ms after the 503`, [retry, failed], { rerun: true });
      return pass(`retried after ${waited} ms with clientOrderId`);
    },
  },
};
