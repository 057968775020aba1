// Checks sharpened to kill surviving mutants (npm run mutation, docs/mutation-report.md): each new
// part fails a server that gets exactly that rule wrong, while the clean mock passes it (the
// clean-server tests and npm run verdicts).
import { describe, expect, it } from 'vitest';
import { dailyLossLatches } from '../../../src/conformance/checks/circuit-breakers/daily-loss-latches.js';
import { maxPositionEnforced } from '../../../src/conformance/checks/circuit-breakers/max-position-enforced.js';
import { clientOrderIdIdempotent } from '../../../src/conformance/checks/orders/client-order-id-idempotent.js';
import { crossingFills } from '../../../src/conformance/checks/orders/crossing-fills.js';
import { pagination } from '../../../src/conformance/checks/orders/pagination.js';
import { portfolioConsistent } from '../../../src/conformance/checks/orders/portfolio-consistent.js';
import { refusals } from '../../../src/conformance/checks/orders/refusals.js';
import { burstThen429 } from '../../../src/conformance/checks/rate-limits/burst-then-429.js';
import { headersAgree } from '../../../src/conformance/checks/rate-limits/headers-agree.js';
import { recoversAfterRetryAfter } from '../../../src/conformance/checks/rate-limits/recovers-after-retry-after.js';
import { errorsAreProblemJson } from '../../../src/conformance/checks/schema/errors-are-problem-json.js';
import { failedAuthBudgeted } from '../../../src/conformance/checks/signatures/failed-auth-budgeted.js';
import { strictBodies } from '../../../src/conformance/checks/schema/strict-bodies.js';
import { timestampDiagnosed } from '../../../src/conformance/checks/timestamp/diagnosed.js';
import { runAgainstBroken, type Breakage } from '../checks-auth/support.js';
import { expectCaught, json, ok, path, rewrite } from './breakage.js';

const isPost = (req: { method: string; url: string }): boolean => req.method === 'POST' && /\/orders$/.test(req.url.replace(/\?.*$/, ''));

describe('the sharpened checks fail a server that breaks the rule they now cover', () => {
  it('orders.portfolio-consistent: fees that are not the sum of the fills, a buy that costs less cash than it filled', async () => {
    const fees: Breakage = { response: (res, req) => (req.method === 'POST' && path(req).endsWith('/orders') && res.status === 201 ? rewrite(res, (b) => void ((b.order as { fees: number }).fees += 1)) : undefined) };
    await expectCaught(portfolioConsistent, fees, /the market buy: its totals are not the sums over its fills/);
    let bought = false;
    const cheap: Breakage = {
      response: (res, req) => {
        if (req.method === 'POST' && path(req).endsWith('/orders') && res.status === 201) bought = true;
        if (bought && path(req).endsWith('/portfolio') && res.status === 200) rewrite(res, (b) => void Object.assign(b.data as object, { cash: (b.data as { cash: number }).cash + 5, totalValue: (b.data as { totalValue: number }).totalValue + 5, dayPnl: (b.data as { dayPnl: number }).dayPnl + 5 }));
      },
    };
    await expectCaught(portfolioConsistent, cheap, /A market buy did not move cash and the position by what it filled/);
  }, 60_000);

  it('rate-limit.headers-agree: a Reset that stays 0 while the quota is spent', async () => {
    const zero: Breakage = {
      response: (res) => {
        if (res.headers['x-ratelimit-reset'] === undefined) return;
        res.headers['x-ratelimit-reset'] = '0';
        if (res.headers.ratelimit) res.headers.ratelimit = res.headers.ratelimit.replace(/t=\d+/, 't=0');
      },
    };
    await expectCaught(headersAgree, zero, /X-RateLimit-Reset is 0 \(RateLimit t=0\) with \d+ of 60 left/);
  }, 30_000);

  it('rate-limit.burst-then-429: a problem whose retryAfter differs from Retry-After', async () => {
    const off: Breakage = { response: (res) => (res.status === 429 ? rewrite(res, (b) => void (b.retryAfter = 9)) : undefined) };
    await expectCaught(burstThen429, off, /The 429 problem says retryAfter 9 but its Retry-After header says 1/);
  }, 30_000);

  it('rate-limit.burst-then-429: a refused request that pushes the reset past the window', async () => {
    const charges: Breakage = { response: (res) => void (res.status === 429 && (res.headers['x-ratelimit-reset'] = '61')) };
    await expectCaught(burstThen429, charges, /The 429 says X-RateLimit-Reset: 61, outside 1…60 s/);
  }, 30_000);

  it('orders.client-order-id-idempotent: orders without a clientOrderId treated as retries', async () => {
    const seen = new Map<string, string>();
    const sticky: Breakage = {
      response: (res, req) => {
        const body = req.body.toString();
        if (req.method !== 'POST' || !path(req).endsWith('/orders') || body.includes('clientOrderId') || res.status !== 201) return;
        const first = seen.get(body);
        if (first) res.body = first;
        else seen.set(body, res.body);
      },
    };
    await expectCaught(clientOrderIdIdempotent, sticky, /The same order sent twice without a clientOrderId was not placed twice/);
  }, 30_000);

  it('schema.errors-are-problem-json: a body of exactly 1 MiB refused as too large', async () => {
    const strict: Breakage = {
      shortCircuit: (req) =>
        req.body.length === 1024 * 1024
          ? { status: 413, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'about:blank', title: 'Too large', status: 413, code: 'payload_too_large', detail: 'too large', requestId: 'req_1' }) }
          : undefined,
    };
    await expectCaught(errorsAreProblemJson, strict, /POST \/orders with a body of exactly 1 MiB \(not over the limit\): answered 413, expected 400/);
  }, 30_000);

  it('orders.pagination: a server that ignores the symbol filter', async () => {
    const unfiltered: Breakage = { request: (req) => void (path(req).endsWith('/orders') && req.method === 'GET' && (req.url = req.url.replace(/&symbol=[^&]*/, ''))) };
    await expectCaught(pagination, unfiltered, /GET \/orders\?symbol=\w+ listed the agent's \w+ order ord_/);
  }, 30_000);

  it("orders.pagination: a server that loses the agent's oldest order when it alone is left for the last page", async () => {
    // The orders each agent placed, per symbol, oldest first (as the POST answers gave them).
    const placed = new Map<string, string[]>();
    const losesOldest: Breakage = {
      response: (res, req) => {
        const key = `${req.headers['x-nx-key'] ?? ''} ${/"symbol":"(\w+)"/.exec(req.body.toString())?.[1] ?? /[?&]symbol=(\w+)/.exec(req.url)?.[1] ?? ''}`;
        if (isPost(req) && res.status === 201) placed.set(key, [...(placed.get(key) ?? []), String((json(res).order as { orderId: string }).orderId)]);
        if (req.method !== 'GET' || !path(req).endsWith('/orders') || res.status !== 200) return;
        rewrite(res, (b) => {
          const last = (b.data as Array<{ orderId: string }>).at(-1)?.orderId;
          const ids = placed.get(key) ?? [];
          if (last !== undefined && ids.indexOf(last) === 1) b.nextCursor = null;
        });
      },
    };
    await expectCaught(pagination, losesOldest, /over 2 pages skipped ord_\w+/);
  }, 30_000);

  it('orders.crossing-fills: a server that rests a crossing limit sell', async () => {
    const restsSells: Breakage = {
      response: (res, req) => {
        const body = req.body.toString();
        if (!isPost(req) || res.status !== 201 || !body.includes('"limit"') || !body.includes('"sell"')) return;
        rewrite(res, (b) => Object.assign(b.order as object, { status: 'open', filledQuantity: 0, avgFillPrice: null, fees: 0, fills: [] }));
      },
    };
    await expectCaught(crossingFills, restsSells, /A limit sell at [\d.]+, below the best bid [\d.]+, did not fill at once/);
  }, 30_000);

  it('breaker.max-position-enforced: a server that leaves same-side open orders out of the cap', async () => {
    // The cap judged on the position and this order only: resting buys (tracked per agent) left out.
    const resting = new Map<string, number>();
    const ignoresOpen: Breakage = {
      response: (res, req) => {
        if (!isPost(req)) return;
        const key = req.headers['x-nx-key'] ?? '';
        const sent = JSON.parse(req.body.toString() || '{}') as { type?: string; side?: string; quantity?: number; price?: number };
        if (res.status === 201 && sent.type === 'limit' && sent.side === 'buy' && res.body.includes('"status":"open"')) resting.set(key, (resting.get(key) ?? 0) + (sent.quantity ?? 0) * (sent.price ?? 0));
        if (res.status !== 403 || !res.body.includes('position_limit_exceeded')) return;
        const problem = JSON.parse(res.body) as { projected: number; limit: number };
        if (problem.projected - (resting.get(key) ?? 0) <= problem.limit) ok(res, { order: { orderId: 'ord_accepted', status: 'filled' } }, 201);
      },
    };
    await expectCaught(maxPositionEnforced, ignoresOpen, /same-side open orders do not count towards maxPositionSize/);
  }, 30_000);

  it('orders.refusals: a PATCH that grows a buy beyond the cash without a funds check', async () => {
    const unchecked: Breakage = { response: (res, req) => (req.method === 'PATCH' && res.status === 422 ? ok(res, { order: {} }) : undefined) };
    await expectCaught(refusals, unchecked, /a PATCH growing a resting buy to ~10 million USD/);
  }, 30_000);

  it('orders.refusals: a resting limit buy beyond the cash accepted', async () => {
    const noReserve: Breakage = { response: (res, req) => (isPost(req) && res.status === 422 && req.body.toString().includes('"limit"') ? ok(res, { order: {} }, 201) : undefined) };
    await expectCaught(refusals, noReserve, /a limit buy of [\d.]+ \w+ at half the price \(~10 million USD, resting\)/);
  }, 30_000);

  it('orders.client-order-id-idempotent: a server that compares a retry with the order as changed by PATCH', async () => {
    const current: Breakage = {
      response: (res, req) => {
        if (!isPost(req) || res.status !== 200 || !/"clientOrderId":"[^"]*-r"/.test(req.body.toString())) return;
        res.status = 409;
        res.headers['content-type'] = 'application/problem+json';
        res.body = JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, code: 'idempotency_conflict', detail: 'another body', requestId: 'req_1' });
      },
    };
    await expectCaught(clientOrderIdIdempotent, current, /after the order was changed by PATCH, was not replayed/);
  }, 30_000);

  it('orders.client-order-id-idempotent: a server that replays a clientOrderId sent with the other side', async () => {
    const sideBlind: Breakage = {
      response: (res, req) => {
        const body = req.body.toString();
        if (isPost(req) && res.status === 409 && body.includes('clientOrderId') && body.includes('"sell"')) ok(res, { order: {} });
      },
    };
    await expectCaught(clientOrderIdIdempotent, sideBlind, /The same clientOrderId with the other side answered 200 instead of 409/);
  }, 30_000);

  it('rate-limit.recovers-after-retry-after: a Retry-After that overstates the wait (virtual clock)', async () => {
    const overstated: Breakage = {
      response: (res) => {
        if (res.status !== 429) return;
        res.headers['retry-after'] = '3';
        rewrite(res, (b) => void (b.retryAfter = 3));
      },
    };
    await expectCaught(recoversAfterRetryAfter, overstated, /accepted although the 429 said Retry-After: 3: Retry-After overstates the wait/);
  }, 30_000);
});

describe('timestamp.diagnosed', () => {
  it('fails a server whose timestamp errors all say the same thing', async () => {
    const terse: Breakage = { response: (res) => (res.status === 401 && /timestamp/.test(res.body) ? rewrite(res, (b) => void (b.detail = 'Bad X-NX-Timestamp.')) : undefined) };
    await expectCaught(timestampDiagnosed, terse, /7 of 7 timestamp errors do not name the mistake/);
  }, 30_000);

  it('fails a server that takes every out-of-window value for seconds', async () => {
    const seconds: Breakage = { response: (res) => (res.status === 401 && res.body.includes('timestamp_out_of_window') ? rewrite(res, (b) => void (b.detail = 'X-NX-Timestamp looks like seconds; send milliseconds.')) : undefined) };
    await expectCaught(timestampDiagnosed, seconds, /3 of 7 timestamp errors do not name the mistake/);
  }, 30_000);
});

describe('breaker.daily-loss-latches: the breaker as /portfolio shows it', () => {
  const editBreaker = (edit: (d: Record<string, unknown>) => void): Breakage => ({
    response: (res, req) => (path(req).endsWith('/portfolio') && res.status === 200 ? rewrite(res, (b) => edit((b.data as { breakers: { dailyLoss: Record<string, unknown> } }).breakers.dailyLoss)) : undefined),
  });

  it('fails a server that gives an untripped breaker a trip time', async () => {
    await expectCaught(dailyLossLatches, editBreaker((d) => void (d.trippedAt ??= '1970-01-01T00:00:00.000Z')), /A new agent's daily-loss breaker is not shown as untripped with no trip time/);
  }, 30_000);

  it('fails a server that never says when a tripped breaker resets', async () => {
    await expectCaught(dailyLossLatches, editBreaker((d) => void (d.resetsAt = null)), /shows the daily-loss breaker tripped, but not when it tripped, when it resets/);
  }, 30_000);
});

describe('schema.strict-bodies', () => {
  it('fails a server that ignores a body sent with DELETE', async () => {
    const ignores: Breakage = { request: (req) => void (req.method === 'DELETE' && req.body.length > 0 && !req.headers['x-nx-signature'] && (req.body = Buffer.alloc(0))) };
    await expectCaught(strictBodies, ignores, /DELETE \/orders\/\{orderId\} with a JSON body \(the operation takes none\)/);
  }, 30_000);

  it('fails a server that reads any charset', async () => {
    const anyCharset: Breakage = { request: (req) => void (req.headers['content-type'] &&= req.headers['content-type'].replace(/;\s*charset=[^;]*/, '')) };
    await expectCaught(strictBodies, anyCharset, /charset=iso-8859-1: the server answered 201/);
  }, 30_000);

  it('fails a server that ignores Content-Encoding', async () => {
    const ignores: Breakage = { request: (req) => void delete req.headers['content-encoding'] };
    await expectCaught(strictBodies, ignores, /Content-Encoding: gzip: the server answered 201/);
  }, 30_000);
});

describe('signature.failed-auth-budgeted', () => {
  it('is partial, not a pass, for a server that answers every failed authentication with 401', async () => {
    // A server without a budget of failed authentications: the mock with one larger than anything
    // the runner sends. (Rewriting the mock's 429s into 401s would say the same, but each of those
    // 429s comes after the mock's real-time pause: 29 of them held this test for ~15 s.)
    const unbudgeted = { failedAuthPerKey: 100_000 };
    // Without --slow the runner stays within the agent's quota: no 429 by then is a partial, not a pass.
    const summary = await runAgainstBroken({}, [failedAuthBudgeted.id], unbudgeted, [failedAuthBudgeted]);
    expect(summary.findings.map((f) => `${f.status}: ${f.message}`)).toEqual(['partial: 59 requests signed with a wrong secret from one API key within a minute all got 401, and no 429']);
  }, 60_000);
});
