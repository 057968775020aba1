// Each check the requirements matrix called for fails a server that breaks its rule: the mock
// behind a small proxy that gets exactly that wrong (a check counts only when it can fail).
import { describe, it } from 'vitest';
import { dailyLossResets } from '../../../src/conformance/checks/circuit-breakers/daily-loss-resets.js';
import { liveDefaults } from '../../../src/conformance/checks/circuit-breakers/live-defaults.js';
import { maxPositionEnforced } from '../../../src/conformance/checks/circuit-breakers/max-position-enforced.js';
import { crossingFills } from '../../../src/conformance/checks/orders/crossing-fills.js';
import { pagination } from '../../../src/conformance/checks/orders/pagination.js';
import { portfolioConsistent } from '../../../src/conformance/checks/orders/portfolio-consistent.js';
import { refusals } from '../../../src/conformance/checks/orders/refusals.js';
import { secretNeverReturned } from '../../../src/conformance/checks/permissions/secret-never-returned.js';
import { marketConforms } from '../../../src/conformance/checks/schema/market-conforms.js';
import { marketDataOrdered } from '../../../src/conformance/checks/schema/market-data-ordered.js';
import { checkOrder } from '../../../src/conformance/checks/signatures/check-order.js';
import { diagnosed } from '../../../src/conformance/checks/signatures/diagnosed.js';
import { malformedRejected } from '../../../src/conformance/checks/signatures/malformed-rejected.js';
import { sandboxVerified } from '../../../src/conformance/checks/signatures/sandbox-verified.js';
import { nonNumericRejected } from '../../../src/conformance/checks/timestamp/non-numeric-rejected.js';
import { windowEdgesExact } from '../../../src/conformance/checks/timestamp/window-edges-exact.js';
import type { Breakage } from '../checks-auth/support.js';
import { expectCaught, json, ok, path, rewrite } from './breakage.js';

describe('the new checks fail a server that breaks their rule', () => {
  it('signature.malformed-rejected: a server that accepts upper-case hex', async () => {
    await expectCaught(malformedRejected, { request: (req) => void (req.headers['x-nx-signature'] &&= req.headers['x-nx-signature'].toLowerCase()) }, /accepted GET \/me with the right HMAC in upper-case hex/);
  }, 30_000);

  it('signature.check-order: a server that checks the signature before the timestamp', async () => {
    const signatureFirst: Breakage = {
      response: (res) => {
        if (res.status === 401 && /"code":"(invalid_timestamp|timestamp_out_of_window)"/.test(res.body)) rewrite(res, (b) => void (b.code = 'invalid_signature'));
      },
    };
    await expectCaught(checkOrder, signatureFirst, /wrong problem code invalid_signature; the code must be invalid_timestamp/);
  }, 30_000);

  it('signature.diagnosed: a server whose invalid_signature problem does not show what it signed', async () => {
    await expectCaught(diagnosed, { response: (res) => (res.body.includes('stringToSign') ? rewrite(res, (b) => void delete b.stringToSign) : undefined) }, /does not show the string the server signed/);
  }, 30_000);

  it('timestamp.window-edges-exact: the wide-window defect', async () => {
    await expectCaught(windowEdgesExact, {}, /accepted GET \/me with X-NX-Timestamp exactly 30001 ms behind/, { defects: ['wide-window'] });
  }, 30_000);

  it('timestamp.non-numeric-rejected: a server that reads 1.7e12 as a number', async () => {
    const lenient: Breakage = { shortCircuit: (req) => (req.headers['x-nx-timestamp'] === '1.7e12' ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"agent":{}}' } : undefined) };
    await expectCaught(nonNumericRejected, lenient, /accepted GET \/me with X-NX-Timestamp "1.7e12" \(an exponent\)/);
  }, 30_000);

  it('signature.sandbox-verified: a server that ignores a lone X-NX-Timestamp on a sandbox request', async () => {
    const lone: Breakage = { request: (req) => void (req.headers['x-nx-signature'] === undefined && delete req.headers['x-nx-timestamp']) };
    await expectCaught(sandboxVerified, lone, /accepted a sandbox GET \/me with X-NX-Timestamp but no X-NX-Signature/);
  }, 30_000);

  it('breaker.live-defaults: a server that gives live agents no limits', async () => {
    const none: Breakage = { response: (res, req) => (path(req).endsWith('/me') && res.status === 200 ? rewrite(res, (b) => void ((b.agent as Record<string, unknown>).dailyLossLimit = null)) : undefined) };
    await expectCaught(liveDefaults, none, /has none: it should run behind the server's default/);
  }, 30_000);

  it('breaker.max-position-enforced: a server that does not check a PATCH again', async () => {
    const unchecked: Breakage = { response: (res, req) => (req.method === 'PATCH' && res.status === 403 ? ok(res, { order: {} }) : undefined) };
    await expectCaught(maxPositionEnforced, unchecked, /accepted a PATCH that grows a resting buy .*added risk is not checked again on PATCH/);
  }, 30_000);

  it('breaker.daily-loss-resets: a breaker that never resets', async () => {
    const latched = new Set<string>();
    const forever: Breakage = {
      response: (res, req) => {
        const key = req.headers['x-nx-key'] ?? '';
        if (res.body.includes('"code":"daily_loss_limit_reached"')) latched.add(key);
        if (req.method === 'POST' && path(req).endsWith('/orders') && latched.has(key) && res.status === 201 && req.body.toString().includes('"buy"')) {
          res.status = 403;
          res.headers['content-type'] = 'application/problem+json';
          res.body = JSON.stringify({ type: 'about:blank', title: 'Daily loss limit reached', status: 403, code: 'daily_loss_limit_reached', detail: 'latched', requestId: 'req_1', resetsAt: '2026-01-07T00:00:00.000Z' });
        }
      },
    };
    await expectCaught(dailyLossResets, forever, /did not reset at 00:00 UTC/);
  }, 30_000);

  it('schema.market: coins in another order than asked, or a price outside its range', async () => {
    const reversed: Breakage = { response: (res, req) => (path(req).endsWith('/market') && req.url.includes('%2C') && res.status === 200 ? rewrite(res, (b) => void (b.data as unknown[]).reverse()) : undefined) };
    await expectCaught(marketConforms, reversed, /does not give the coins in the order requested/);
    const outOfRange: Breakage = { response: (res, req) => (path(req).endsWith('/market') && res.status === 200 ? rewrite(res, (b) => void ((b.data as Array<Record<string, number>>)[0]!.high24h = 1)) : undefined) };
    await expectCaught(marketConforms, outOfRange, /price lies outside its 24 h range/);
  }, 30_000);

  it('schema.market-data-ordered: an unsorted book, reversed candles, a case-sensitive symbol', async () => {
    const unsorted: Breakage = { response: (res, req) => (path(req).endsWith('/orderbook') && res.status === 200 ? rewrite(res, (b) => void ((b.data as { asks: unknown[] }).asks.reverse())) : undefined) };
    await expectCaught(marketDataOrdered, unsorted, /asks not in ascending price order/);
    const reversed: Breakage = { response: (res, req) => (path(req).endsWith('/candles') && res.status === 200 ? rewrite(res, (b) => void ((b.data as { candles: unknown[] }).candles.reverse())) : undefined) };
    await expectCaught(marketDataOrdered, reversed, /is not the last 3 candles, oldest first/);
    const caseSensitive: Breakage = { request: (req) => void (req.url = req.url.replace('/market/btc/', '/market/nx-no-such-coin/')) };
    await expectCaught(marketDataOrdered, caseSensitive, /GET \/market\/btc\/orderbook did not give the BTC book/);
  }, 60_000);

  it('orders.portfolio-consistent: a totalValue that does not add up, a cancel that keeps the cash reserved', async () => {
    const inflated: Breakage = { response: (res, req) => (path(req).endsWith('/portfolio') && res.status === 200 ? rewrite(res, (b) => void ((b.data as { totalValue: number }).totalValue += 100)) : undefined) };
    await expectCaught(portfolioConsistent, inflated, /totalValue .* is not cash plus the positions at their mark/);
    let reserved = 0;
    const sticky: Breakage = {
      response: (res, req) => {
        if (!path(req).endsWith('/portfolio') || res.status !== 200) return;
        rewrite(res, (b) => {
          const data = b.data as { reservedCash: number };
          reserved = Math.max(reserved, data.reservedCash);
          data.reservedCash = reserved;
        });
      },
    };
    await expectCaught(portfolioConsistent, sticky, /Cancelling the resting buy did not release its reserved cash/);
  }, 60_000);

  it('orders.crossing-fills: a server that rests a crossing limit order', async () => {
    const resting: Breakage = {
      response: (res, req) => {
        if (req.method !== 'POST' || !path(req).endsWith('/orders') || res.status !== 201 || !req.body.toString().includes('"limit"')) return;
        rewrite(res, (b) => Object.assign(b.order as object, { status: 'open', filledQuantity: 0, avgFillPrice: null }));
      },
    };
    await expectCaught(crossingFills, resting, /did not fill at once at its limit or better/);
  }, 30_000);

  it('orders.refusals: insufficient funds given as a 400', async () => {
    const wrongCode: Breakage = { response: (res) => (res.status === 422 ? (res.status = 400, rewrite(res, (b) => Object.assign(b, { status: 400, code: 'validation_failed' }))) : undefined) };
    await expectCaught(refusals, wrongCode, /~10 million USD\): the server answered 400/);
  }, 30_000);

  it('orders.pagination: offset pages that repeat an order when one is placed between pages', async () => {
    // Pages by offset: the cursor is the number of orders already served.
    const byOffset: Breakage = {
      request: (req) => {
        const cursor = /[?&]cursor=offset-(\d+)/.exec(req.url)?.[1];
        if (path(req).endsWith('/orders') && req.method === 'GET') req.url = req.url.replace(/&?cursor=[^&]*/, '').replace(/limit=\d+/, `limit=${Number(cursor ?? 0) + 2}`);
      },
      response: (res, req) => {
        if (!path(req).endsWith('/orders') || req.method !== 'GET' || res.status !== 200) return;
        const offset = Number(/[?&]limit=(\d+)/.exec(req.url)?.[1] ?? 2) - 2;
        rewrite(res, (b) => {
          const all = b.data as unknown[];
          b.data = all.slice(offset, offset + 2);
          b.nextCursor = all.length > offset + 2 || b.nextCursor ? `offset-${offset + 2}` : null;
        });
      },
    };
    await expectCaught(pagination, byOffset, /over \d+ pages repeated ord_/);
  }, 30_000);

  it("permission.secret-never-returned: GET /webhooks shows a webhook's secret", async () => {
    const secrets = new Map<string, string>();
    const leaky: Breakage = {
      response: (res, req) => {
        if (req.method === 'POST' && path(req).endsWith('/webhooks') && res.status === 201) secrets.set(req.headers['x-nx-key'] ?? '', String(json(res).secret));
        if (req.method === 'GET' && path(req).endsWith('/webhooks') && res.status === 200) {
          rewrite(res, (b) => (b.data as Array<Record<string, unknown>>).forEach((w) => void (w.secret = secrets.get(req.headers['x-nx-key'] ?? ''))));
        }
      },
    };
    await expectCaught(secretNeverReturned, leaky, /The webhook's secret appears again after its creation: GET \/webhooks after creating one/);
  }, 30_000);
});
