// The API checks that no seeded defect of the mock targets, proven able to fail: each runs
// against a small broken server (an Express app in front of the mock) that gets one thing wrong.
import { describe, expect, it } from 'vitest';
import { orderLifecycle } from '../../../src/conformance/checks/orders/order-lifecycle.js';
import { clientOrderIdIdempotent } from '../../../src/conformance/checks/orders/client-order-id-idempotent.js';
import { errorsAreProblemJson } from '../../../src/conformance/checks/schema/errors-are-problem-json.js';
import { everyOperationSuccess, makeEveryOperationSuccess } from '../../../src/conformance/checks/schema/every-operation-success.js';
import { invalidInputRejected } from '../../../src/conformance/checks/schema/invalid-input-rejected.js';
import { rateLimitHeaders } from '../../../src/conformance/checks/schema/rate-limit-headers.js';
import { crossAgentOrders } from '../../../src/conformance/checks/permissions/cross-agent-orders.js';
import type { Check } from '../../../src/conformance/check.js';
import { runAgainstMock } from '../../../src/conformance/self-test/run-self-test.js';
import { operationList } from '../../../src/generated/operations.js';
import { apiPath, failures, json, runBroken, type Tamper } from './support.js';

async function expectFailure(tamper: Tamper, check: Check, says: RegExp): Promise<string> {
  const summary = await runBroken(tamper, [check]);
  const failed = failures(summary);
  expect(summary.findings.map((f) => `${f.checkId}: ${f.status}: ${f.message}`)).toHaveLength(1);
  expect(failed, summary.findings.map((f) => f.message).join('\n')).toHaveLength(1);
  const f = failed[0];
  expect(f?.message).toMatch(says);
  return `${f?.message}\n${f?.actual}`;
}

const isProblem = (res: { headers: Record<string, string> }) => (res.headers['content-type'] ?? '').startsWith('application/problem+json');

describe('schema.invalid-input-rejected can fail', () => {
  it('when POST /orders accepts an invalid body with 201', async () => {
    const tamper: Tamper = (req, res) => {
      if (req.method !== 'POST' || apiPath(req) !== '/orders' || res.status !== 400) return res;
      const order = { orderId: 'ord_accepted0000000000', status: 'open' };
      return { status: 201, headers: { ...res.headers, 'content-type': 'application/json' }, body: JSON.stringify({ order }) };
    };
    const detail = await expectFailure(tamper, invalidInputRejected, /invalid requests were not rejected properly: placeOrder: POST \/orders with a body without the required '\w+': the server accepted it with 201/);
    expect(detail).toMatch(/unknown field 'qntty'|'quantity' = 0|malformed JSON/);
  }, 30_000);

  it('when validation errors do not name the location of a bad query parameter', async () => {
    const tamper: Tamper = (req, res) => {
      if (res.status !== 400 || !isProblem(res) || !req.url.includes('?')) return res;
      const body = json(res.body);
      if (body.code !== 'validation_failed') return res;
      body.errors = [{ location: 'body', pointer: '', message: 'invalid' }];
      return { ...res, body: JSON.stringify(body) };
    };
    await expectFailure(tamper, invalidInputRejected, /validation_failed, but its errors list names the locations \[body\], not 'query'/);
  }, 30_000);

  it('when malformed JSON crashes the server (500)', async () => {
    const tamper: Tamper = (_req, res) => {
      if (res.status !== 400 || !res.body.includes('malformed_json')) return res;
      return { status: 500, headers: res.headers, body: res.body.replace('"status":400', '"status":500') };
    };
    await expectFailure(tamper, invalidInputRejected, /cut short \(malformed JSON.*failed with 500 instead of rejecting it with a 4xx/);
  }, 30_000);
});

describe('schema.rate-limit-headers can fail', () => {
  it('when 4xx responses lack X-RateLimit-Remaining', async () => {
    const tamper: Tamper = (_req, res) => {
      if (res.status < 400) return res;
      const { 'x-ratelimit-remaining': _dropped, ...headers } = res.headers;
      return { ...res, headers };
    };
    await expectFailure(tamper, rateLimitHeaders, /responses to an identified agent lack sane rate-limit headers: GET \/market \(without read:market\) → 403: x-ratelimit-remaining is missing/);
  }, 30_000);

  it('when the two forms disagree', async () => {
    const tamper: Tamper = (_req, res) => (res.headers.ratelimit ? { ...res, headers: { ...res.headers, ratelimit: res.headers.ratelimit.replace(/r=\d+/, 'r=7') } } : res);
    await expectFailure(tamper, rateLimitHeaders, /RateLimit r=7 differs from X-RateLimit-Remaining/);
  }, 30_000);

  it('when Remaining never counts down', async () => {
    const frozen = (headers: Record<string, string>) => ({ ...headers, 'x-ratelimit-remaining': '59', ratelimit: (headers.ratelimit ?? '').replace(/r=\d+/, 'r=59') });
    const tamper: Tamper = (_req, res) => (res.headers['x-ratelimit-remaining'] ? { ...res, headers: frozen(res.headers) } : res);
    await expectFailure(tamper, rateLimitHeaders, /X-RateLimit-Remaining does not count down: 59 after the first request and 59 after 8 more/);
  }, 30_000);
});

describe('schema.every-operation-success can fail', () => {
  it('when one 2xx body does not match its schema', async () => {
    const tamper: Tamper = (req, res) => (apiPath(req) === '/sentiment' && res.status === 200 ? { ...res, body: res.body.replaceAll('"score":', '"sentimentScore":') } : res);
    await expectFailure(tamper, everyOperationSuccess, /1 of 16 operations did not answer a valid request with a documented, conforming 2xx/);
  }, 30_000);

  it('when a 204 lacks the rate-limit headers', async () => {
    const tamper: Tamper = (req, res) => (req.method === 'DELETE' && res.status === 204 ? { ...res, headers: { 'x-request-id': res.headers['x-request-id'] ?? 'req_1' } } : res);
    const detail = await expectFailure(tamper, everyOperationSuccess, /did not answer a valid request with a documented, conforming 2xx/);
    expect(detail).toMatch(/deleteWebhook: DELETE \/webhooks\/wh_\w+ answered 204, which does not match the spec:\n\s+deleteWebhook 204: header ratelimit-policy is missing/);
  }, 30_000);

  it('when an operation answers an undocumented 2xx', async () => {
    const tamper: Tamper = (req, res) => (apiPath(req) === '/portfolio' && res.status === 200 ? { ...res, status: 202 } : res);
    const detail = await expectFailure(tamper, everyOperationSuccess, /conforming 2xx/);
    expect(detail).toMatch(/getPortfolio 202: status 202 is not documented|getPortfolio: status 202 is not documented/);
  }, 30_000);

  it('when the spec has an operation without an input recipe', async () => {
    const me = operationList.find((op) => op.operationId === 'getMe');
    if (!me) throw new Error('getMe missing from the spec');
    const check = makeEveryOperationSuccess([...operationList, { ...me, operationId: 'getNewThing', path: '/new-thing' }]);
    const summary = await runAgainstMock([check], [], undefined);
    const failed = failures(summary);
    expect(failed).toHaveLength(2);
    for (const f of failed) expect(f.message).toMatch(/The spec has 1 operation the runner has no input recipe for, so it goes untested: getNewThing \(GET \/new-thing\)/);
  }, 30_000);
});

describe('orders.lifecycle can fail', () => {
  it('when PATCH gives the order a new id', async () => {
    const tamper: Tamper = (req, res) => (req.method === 'PATCH' && res.status === 200 ? { ...res, body: res.body.replace(/"orderId":"ord_\w+"/, '"orderId":"ord_replaced00000000000"') } : res);
    await expectFailure(tamper, orderLifecycle, /PATCH gave the order a new orderId/);
  }, 30_000);

  it("when the published client's body (price: null) is refused", async () => {
    const tamper: Tamper = (req, res) =>
      req.method === 'POST' && req.body.includes('"price": null')
        ? { status: 400, headers: { ...res.headers, 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'about:blank', title: 'Bad', status: 400, detail: 'price must be a number', code: 'validation_failed', requestId: 'req_1' }) }
        : res;
    await expectFailure(tamper, orderLifecycle, /POST \/orders with the published client's body \("price": null, json.dumps spacing\): the server answered 400/);
  }, 30_000);

  it('when the list is stale', async () => {
    const tamper: Tamper = (req, res) => (req.method === 'GET' && apiPath(req) === '/orders' ? { ...res, body: res.body.replaceAll('"status":"canceled"', '"status":"open"') } : res);
    await expectFailure(tamper, orderLifecycle, /GET \/orders shows stale orders/);
  }, 30_000);
});

describe('orders.client-order-id-idempotent can fail', () => {
  it('when a replay returns a new orderId', async () => {
    let n = 0;
    const tamper: Tamper = (req, res) => {
      if (req.method !== 'POST' || apiPath(req) !== '/orders' || res.status !== 200) return res;
      n++;
      return { ...res, status: 201, body: res.body.replace(/"orderId":"ord_\w+"/, `"orderId":"ord_second${String(n).padStart(12, '0')}"`) };
    };
    await expectFailure(tamper, clientOrderIdIdempotent, /A retry with the same clientOrderId and body created another order \(ord_second0+1\) instead of returning the first/);
  }, 30_000);

  it('when the conflicting body is accepted', async () => {
    const tamper: Tamper = (req, res) => (res.status === 409 ? { status: 201, headers: { ...res.headers, 'content-type': 'application/json' }, body: '{"order":{}}' } : res);
    await expectFailure(tamper, clientOrderIdIdempotent, /The same clientOrderId with another quantity answered 201 instead of 409 idempotency_conflict/);
  }, 30_000);

  it('when the replay lacks Idempotent-Replayed', async () => {
    const tamper: Tamper = (_req, res) => {
      const { 'idempotent-replayed': _dropped, ...headers } = res.headers;
      return { ...res, headers };
    };
    await expectFailure(tamper, clientOrderIdIdempotent, /The replayed order lacks the Idempotent-Replayed header/);
  }, 30_000);
});

describe('other API checks can fail on a broken server too', () => {
  it('schema.errors-are-problem-json: the status member disagrees with the HTTP status', async () => {
    const tamper: Tamper = (_req, res) => (res.status === 404 && isProblem(res) ? { ...res, body: res.body.replace('"status":404', '"status":400') } : res);
    await expectFailure(tamper, errorsAreProblemJson, /the body says status 400 but the HTTP status is 404/);
  }, 30_000);

  it('permission.cross-agent-orders: another agent can cancel the order', async () => {
    let deletes = 0;
    const tamper: Tamper = (req, res) => {
      if (req.method !== 'DELETE' || res.status !== 404) return res;
      deletes++;
      return { ...res, status: 200, headers: { ...res.headers, 'content-type': 'application/json' }, body: '{"order":{}}' };
    };
    await expectFailure(tamper, crossAgentOrders, /Another agent could reach this agent's order: DELETE \/orders\/ord_\w+ answered 200/);
    // One from the check, one from running its reproduction (it re-sends the DELETE and reproduces the 200).
    expect(deletes).toBe(2);
  }, 30_000);
});
