import type { Check } from '../../check.js';
import { expectStatus, expectSuccess, pass } from '../expect.js';
import { coinInfo, farBelow, lots } from '../schema/support/market-info.js';
import { agentFor } from '../schema/support/pick-agent.js';
import { problemCode, problemIssues } from '../schema/support/problem-shape.js';
import { seededRandom } from '../schema/support/seeded-random.js';

export const clientOrderIdIdempotent: Check = {
  id: 'orders.client-order-id-idempotent',
  title: 'A retry with the same clientOrderId returns the first order; another body with it gets 409',
  category: 'orders',
  spec: '`clientOrderId` makes a retry safe: the same id with the same body returns the first order (status 200, header `Idempotent-Replayed: true`); the same id with another body gets 409 `idempotency_conflict`.',
  requirements: ['orders.idempotent'],
  modes: ['sandbox', 'live'],
  needs: { register: true, usesGivenAgent: true, orders: true, budget: 13 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'read:portfolio', 'write:orders'], 13, ['read:sentiment', 'write:webhook', 'read:social']);
    const c = agent.client;
    const info = await coinInfo(ctx, agent);
    // Unique per run even for a reused agent: the server's time and a seeded suffix.
    const rng = seededRandom(ctx.options.seed, `${ctx.check.id}:${ctx.mode}:${agent.id}`);
    const clientOrderId = `nxc-${ctx.now().toString(36)}-${Math.floor(rng.next() * 36 ** 6).toString(36)}`;
    const body = JSON.stringify({ symbol: info.symbol, side: 'buy', type: 'market', quantity: lots(info, 3), clientOrderId });

    const first = await c.send<{ order?: { orderId?: string } }>('POST', '/orders', { body });
    expectStatus(ctx, first, 201, `POST /orders with clientOrderId ${clientOrderId}`);
    expectSuccess(ctx, first, 'POST /orders with a clientOrderId');
    const orderId = first.json?.order?.orderId;

    const retry = await c.send<{ order?: { orderId?: string } }>('POST', '/orders', { body });
    if (retry.json?.order?.orderId !== orderId) {
      return ctx.fail(
        `A retry with the same clientOrderId and body created another order (${retry.json?.order?.orderId ?? retry.status}) instead of returning the first (${orderId})`,
        `200 with order.orderId ${orderId} and Idempotent-Replayed: true`,
        `${retry.status} ${retry.text.slice(0, 300)}`,
      );
    }
    expectStatus(ctx, retry, 200, 'The retry with the same clientOrderId and body');
    if (retry.headers['idempotent-replayed'] !== 'true') {
      return ctx.fail('The replayed order lacks the Idempotent-Replayed header', 'Idempotent-Replayed: true', `Idempotent-Replayed: ${retry.headers['idempotent-replayed'] ?? 'missing'}`);
    }
    expectSuccess(ctx, retry, 'The retry with the same clientOrderId and body');

    const conflict = await c.send('POST', '/orders', { body: JSON.stringify({ symbol: info.symbol, side: 'buy', type: 'market', quantity: lots(info, 4), clientOrderId }) });
    if (conflict.status !== 409 || problemCode(conflict) !== 'idempotency_conflict') {
      return ctx.fail(
        `The same clientOrderId with another quantity answered ${conflict.status}${problemCode(conflict) ? ` ${problemCode(conflict)}` : ''} instead of 409 idempotency_conflict`,
        '409 application/problem+json with code idempotency_conflict',
        `${conflict.status} ${conflict.text.slice(0, 300)}`,
      );
    }
    const issues = [...problemIssues(conflict), ...ctx.specProblems(conflict)];
    if (issues.length > 0) return ctx.fail('The 409 idempotency_conflict is malformed', 'a conforming problem+json', issues.join('\n'));
    // Every field counts as "the body": the other side is another order too.
    const otherSide = await c.send('POST', '/orders', { body: JSON.stringify({ symbol: info.symbol, side: 'sell', type: 'market', quantity: lots(info, 3), clientOrderId }) });
    if (otherSide.status !== 409 || problemCode(otherSide) !== 'idempotency_conflict') {
      return ctx.fail(`The same clientOrderId with the other side answered ${otherSide.status} instead of 409 idempotency_conflict`, '409 idempotency_conflict', `${otherSide.status} ${otherSide.text.slice(0, 300)}`);
    }
    // The retry is judged against the first request, not the order as it is now: after a PATCH
    // the same body still replays the (changed) order.
    const restingBody = JSON.stringify({ symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 2), price: farBelow(info, 0.5), clientOrderId: `${clientOrderId}-r` });
    const rested = await c.send<{ order?: { orderId?: string } }>('POST', '/orders', { body: restingBody });
    expectStatus(ctx, rested, 201, 'Set-up: a limit buy far below the market, with a clientOrderId');
    const restingId = rested.json?.order?.orderId ?? '';
    const grown = await c.send('PATCH', `/orders/${encodeURIComponent(restingId)}`, { body: { quantity: lots(info, 3) } });
    expectStatus(ctx, grown, 200, 'Set-up: a PATCH of its quantity');
    const afterPatch = await c.send<{ order?: { orderId?: string } }>('POST', '/orders', { body: restingBody });
    if (afterPatch.status !== 200 || afterPatch.json?.order?.orderId !== restingId) {
      return ctx.fail(
        'A retry of the first request with its clientOrderId, after the order was changed by PATCH, was not replayed',
        `200 with order.orderId ${restingId} (the same body as the first request)`,
        `${afterPatch.status} ${afterPatch.text.slice(0, 300)}`,
      );
    }
    await c.cancelOrder(restingId);
    // Without a clientOrderId nothing is a retry: the same body twice is two orders.
    const plain = JSON.stringify({ symbol: info.symbol, side: 'buy', type: 'market', quantity: lots(info, 2) });
    const one = await c.send<{ order?: { orderId?: string } }>('POST', '/orders', { body: plain });
    const two = await c.send<{ order?: { orderId?: string } }>('POST', '/orders', { body: plain });
    if (one.status !== 201 || two.status !== 201 || one.json?.order?.orderId === two.json?.order?.orderId) {
      return ctx.fail(
        'The same order sent twice without a clientOrderId was not placed twice: only a clientOrderId makes a retry',
        'two 201s with two different orderIds',
        `${one.status} ${one.json?.order?.orderId ?? ''}, then ${two.status} ${two.json?.order?.orderId ?? ''}`,
      );
    }

    const list = await c.listOrders({ symbol: info.symbol, limit: 20 });
    expectSuccess(ctx, list, 'GET /orders');
    const same = (list.json?.data ?? []).filter((o) => o.clientOrderId === clientOrderId);
    if (same.length !== 1 || same[0]?.orderId !== orderId) {
      return ctx.fail(
        `GET /orders lists ${same.length} orders with clientOrderId ${clientOrderId}; the retry and the conflicting request must not have placed orders`,
        `exactly one: ${orderId}`,
        same.map((o) => `${o.orderId} (${o.status}, quantity ${o.quantity})`).join(', ') || '(none)',
      );
    }
    return pass(`the retry returned ${orderId} with 200 and Idempotent-Replayed: true; another quantity or side got 409 idempotency_conflict; one order listed; the first request replayed after a PATCH; without a clientOrderId the same body made two orders`);
  },
};
