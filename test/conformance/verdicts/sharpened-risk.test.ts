// The order-risk arithmetic a PATCH or a sell goes through (docs/mutation-report.md): each test puts
// the mock behind a proxy that gets one rule wrong, and the check must fail it with its message.
// The proxies decide from the request and what they saw answered (never from a request count), so
// each failure's curl reproduction, replayed against the same proxy, meets the same wrong answer.
import { describe, expect, it } from 'vitest';
import { dailyLossLatches } from '../../../src/conformance/checks/circuit-breakers/daily-loss-latches.js';
import { maxPositionEnforced } from '../../../src/conformance/checks/circuit-breakers/max-position-enforced.js';
import { bookWalk } from '../../../src/conformance/checks/orders/book-walk.js';
import { modifyFunds } from '../../../src/conformance/checks/orders/modify-funds.js';
import { runAgainstBroken, type Breakage, type ProxiedRequest, type ProxiedResponse } from '../checks-auth/support.js';
import { expectCaught, json, ok, path, rewrite } from './breakage.js';

const problem = (status: number, code: string): ProxiedResponse => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title: code, status, code, detail: `refused: ${code}`, requestId: 'req_1', required: 2, available: 1 }),
});
const isPatch = (req: ProxiedRequest): boolean => req.method === 'PATCH' && /\/orders\/[^/]+$/.test(path(req));
const isPost = (req: ProxiedRequest): boolean => req.method === 'POST' && path(req).endsWith('/orders');
const sent = (req: ProxiedRequest): { side?: string; price?: number; quantity?: number } => (req.body.length > 0 ? (JSON.parse(req.body.toString()) as { side?: string; price?: number; quantity?: number }) : {});

/** A proxy that remembers the BTC mid (GET /market) and refuses the requests `refuse` picks. */
function withMid(refuse: (req: ProxiedRequest, mid: number) => ProxiedResponse | undefined): Breakage {
  let mid = Number.NaN;
  return {
    response: (res, req) => {
      if (req.method !== 'GET' || !path(req).endsWith('/market') || res.status !== 200) return;
      mid = (json(res).data as Array<{ symbol: string; price: number }>).find((c) => c.symbol === 'BTC')?.price ?? mid;
    },
    shortCircuit: (req) => refuse(req, mid),
  };
}

/**
 * A proxy that judges PATCHes of resting sells against the BTC held (the last GET /portfolio) and
 * the open sells it saw placed, with `wrong(quantity, held, others, own)` deciding the refusal.
 */
function sellBook(wrong: (quantity: number, held: number, others: number, own: number) => boolean): Breakage {
  let held = 0;
  const sells = new Map<string, number>();
  return {
    response: (res, req) => {
      if (req.method === 'GET' && path(req).endsWith('/portfolio') && res.status === 200) held = (json(res).data as { positions: Array<{ symbol: string; quantity: number }> }).positions.find((p) => p.symbol === 'BTC')?.quantity ?? 0;
      const order = res.status < 300 && (isPost(req) || isPatch(req)) ? (json(res).order as { orderId: string; side: string; quantity: number } | undefined) : undefined;
      if (order?.side === 'sell') sells.set(order.orderId, order.quantity);
    },
    shortCircuit: (req) => {
      const id = decodeURIComponent(path(req).split('/').at(-1) ?? '');
      const quantity = sent(req).quantity;
      if (!isPatch(req) || quantity === undefined || !sells.has(id)) return undefined;
      const own = sells.get(id) ?? 0;
      const others = [...sells.values()].reduce((a, b) => a + b, 0) - own;
      return wrong(quantity, held, others, own) ? problem(422, 'insufficient_position') : undefined;
    },
  };
}

describe('the risk arithmetic of PATCH and sells', () => {
  it('orders.modify-funds: a PATCH whose own reservation is not released first', async () => {
    const keeps = withMid((req, mid) => (isPatch(req) && (sent(req).price ?? mid) < 0.8 * mid ? problem(422, 'insufficient_funds') : undefined));
    await expectCaught(modifyFunds, keeps, /a PATCH re-pricing a resting buy .* own reservation/);
  }, 30_000);

  it('orders.modify-funds: a crossing buy charged for its fills and again as if they rested', async () => {
    const twice = (what: (req: ProxiedRequest) => boolean): Breakage => withMid((req, mid) => (what(req) && (sent(req).price ?? 0) > mid ? problem(422, 'insufficient_funds') : undefined));
    await expectCaught(modifyFunds, twice(isPatch), /across the book .* what fills is paid once/);
    await expectCaught(modifyFunds, twice((req) => isPost(req) && sent(req).side === 'buy'), /a limit buy of .* across the book, with ~55 % left/);
  }, 60_000);

  it('orders.modify-funds: a sell that needs cash, its own quantity committed twice, the exact position refused', async () => {
    const cash: Breakage = { shortCircuit: (req) => (isPost(req) && sent(req).side === 'sell' ? problem(422, 'insufficient_funds') : undefined) };
    await expectCaught(modifyFunds, cash, /a limit sell of .* needs no cash/);
    await expectCaught(modifyFunds, sellBook((q, held, others, own) => q > held - others - own + 1e-9), /not committed twice/);
    await expectCaught(modifyFunds, sellBook((q, held, others) => q >= held - others - 1e-9), /to exactly .* the whole position not committed/);
  }, 90_000);

  it('orders.modify-funds: a server that lets a resting sell grow past the position is reported partial (it may allow shorting)', async () => {
    const shorts: Breakage = {
      response: (res, req) => {
        if (!isPatch(req) || res.status !== 422) return;
        res.status = 200;
        res.headers['content-type'] = 'application/json';
        res.body = '{"order":{}}';
      },
    };
    const summary = await runAgainstBroken(shorts, [modifyFunds.id], {}, [modifyFunds]);
    expect(summary.findings.map((f) => `${f.status} ${f.message}`)).toEqual([expect.stringMatching(/^partial the buy side, and sells within the position/)]);
  }, 30_000);

  it('breaker.max-position-enforced: a PATCH counting its own order twice; a sell from a long judged as a new short', async () => {
    // The check's first PATCH (to twice the cap) is rightly refused; the second stays within the cap.
    const twice = withMid((req, mid) => (isPatch(req) && (sent(req).quantity ?? 0) * mid < 1000 ? problem(403, 'position_limit_exceeded') : undefined));
    await expectCaught(maxPositionEnforced, twice, /own remaining quantity seems counted twice/);
    const asShort: Breakage = { shortCircuit: (req) => (isPost(req) && sent(req).side === 'sell' ? problem(403, 'position_limit_exceeded') : undefined) };
    await expectCaught(maxPositionEnforced, asShort, /a sell nets against the long it closes/);
    // A price-only PATCH let through as if it added no risk.
    const priceFree: Breakage = { response: (res, req) => (isPatch(req) && res.status === 403 && sent(req).quantity === undefined ? ok(res, { order: {} }) : undefined) };
    await expectCaught(maxPositionEnforced, priceFree, /a higher price adds risk too/);
  }, 90_000);

  it('breaker.max-position-enforced: a server valuing orders at the market is partial on the price-raise claim, not failed', async () => {
    // Refuses the set-up buy resting at half the price, as a server valuing it at the market (~130 % of the cap) would.
    const atMarket = withMid((req, mid) => (isPost(req) && sent(req).side === 'buy' && (sent(req).price ?? mid) < 0.6 * mid && (sent(req).quantity ?? 0) * mid > 800 ? problem(403, 'position_limit_exceeded') : undefined));
    const summary = await runAgainstBroken(atMarket, [maxPositionEnforced.id], {}, [maxPositionEnforced]);
    expect(summary.findings.map((f) => `${f.status} ${f.message}`)).toEqual([expect.stringMatching(/^partial a buy projecting/)]);
  }, 60_000);

  it('orders.book-walk: a sell that takes the asks, a limit at exactly the best price that rests', async () => {
    const order = (edit: (o: { status: string; fills: Array<{ price: number }> }) => void, when: (req: ProxiedRequest) => boolean): Breakage => ({
      response: (res, req) => (isPost(req) && res.status === 201 && when(req) ? rewrite(res, (b) => edit(b.order as { status: string; fills: Array<{ price: number }> })) : undefined),
    });
    const askSide = order((o) => o.fills.forEach((f) => (f.price += 5)), (req) => sent(req).side === 'sell');
    await expectCaught(bookWalk, askSide, /A market sell did not fill at [\d.]+ with the market standing still/);
    const rests = order((o) => Object.assign(o, { status: 'open', fills: [] }), (req) => sent(req).side === 'buy' && sent(req).price !== undefined);
    await expectCaught(bookWalk, rests, /A limit buy at exactly the best ask [\d.]+ did not fill/);
    // A server that lets a partly filled order be cut to what has filled (it then counts as filled).
    const cuts: Breakage = { response: (res, req) => (isPatch(req) && res.status === 400 && res.body.includes('invalid_quantity') ? ok(res, { order: {} }) : undefined) };
    await expectCaught(bookWalk, cuts, /PATCH of a partly filled order .* exactly what has filled/);
  }, 60_000);

  it('breaker.daily-loss-latches: open orders left alone at the trip, sells closing the position rejected, a trippedAt that moves', async () => {
    const orderRead = (edit: (o: { side: string; status: string; rejectReason: string | null }) => void): Breakage => ({
      response: (res, req) => (req.method === 'GET' && /\/orders\/[^/]+$/.test(path(req)) && res.status === 200 ? rewrite(res, (b) => edit(b.order as { side: string; status: string; rejectReason: string | null })) : undefined),
    });
    await expectCaught(dailyLossLatches, orderRead((o) => void (o.side === 'buy' && Object.assign(o, { status: 'open', rejectReason: null }))), /A resting buy that adds risk was not rejected/);
    await expectCaught(dailyLossLatches, orderRead((o) => void (o.side === 'sell' && Object.assign(o, { status: 'rejected', rejectReason: 'circuit_breaker' }))), /A resting sell that only reduces the position was not left open/);
    await expectCaught(dailyLossLatches, orderRead((o) => void (o.status === 'canceled' && Object.assign(o, { status: 'rejected', rejectReason: 'circuit_breaker' }))), /An order canceled before the daily-loss breaker tripped changed its status/);
    const overstated: Breakage = {
      response: (res, req) => {
        if (req.method !== 'GET' || !path(req).endsWith('/portfolio') || res.status !== 200) return;
        rewrite(res, (b) => {
          const data = b.data as { dayStartEquity: number; breakers: { dailyLoss: { current: number; tripped: boolean } } };
          if (data.breakers.dailyLoss.tripped) data.breakers.dailyLoss.current += 2 * data.dayStartEquity;
        });
      },
    };
    await expectCaught(dailyLossLatches, overstated, /a loss \(current [\d.]+ USD\) larger than the agent's equity at 00:00 UTC/);
    const strict: Breakage = { shortCircuit: (req) => (isPatch(req) && sent(req).price !== undefined ? problem(403, 'daily_loss_limit_reached') : undefined) };
    await expectCaught(dailyLossLatches, strict, /refused to re-price a resting sell that only reduces the position/);
    let reads = 0;
    const moves: Breakage = {
      response: (res, req) => {
        if (req.method !== 'GET' || !path(req).endsWith('/portfolio') || res.status !== 200) return;
        rewrite(res, (b) => {
          const d = (b.data as { breakers: { dailyLoss: { trippedAt: string | null } } }).breakers.dailyLoss;
          if (d.trippedAt !== null) d.trippedAt = new Date(Date.parse(d.trippedAt) + ++reads * 1000).toISOString();
        });
      },
    };
    await expectCaught(dailyLossLatches, moves, /trippedAt moved while it stayed tripped/);
  }, 90_000);
});
