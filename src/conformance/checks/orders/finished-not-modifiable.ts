import type { ApiResponse } from '../../../client/agent-client.js';
import type { Check } from '../../check.js';
import { expectStatus, pass } from '../expect.js';
import { coinInfo, farBelow, lots } from '../schema/support/market-info.js';
import { showAsEvidence } from '../schema/support/evidence.js';
import { agentFor } from '../schema/support/pick-agent.js';
import { asRecord, problemCode, problemIssues } from '../schema/support/problem-shape.js';

export const finishedNotModifiable: Check = {
  id: 'orders.finished-not-modifiable',
  title: 'A canceled or filled order cannot be changed or cancelled again (409 order_not_modifiable)',
  category: 'orders',
  spec: 'PATCH and DELETE /orders/{orderId}: only open or partially_filled orders can be changed or cancelled; a finished order gets 409 `order_not_modifiable` (with `orderStatus`).',
  requirements: ['orders.finished'],
  modes: ['sandbox', 'live'],
  needs: { register: true, usesGivenAgent: true, orders: true, budget: 8 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'write:orders'], 8, ['read:social', 'read:sentiment', 'write:webhook']);
    const c = agent.client;
    const info = await coinInfo(ctx, agent);

    const limit = await c.placeOrder({ symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 10), price: farBelow(info, 0.5) });
    expectStatus(ctx, limit, 201, 'Set-up: a small limit buy far below the market');
    const canceledId = limit.json?.order.orderId ?? '';
    const cancel = await c.cancelOrder(canceledId);
    if (cancel.status !== 200 || cancel.json?.order.status !== 'canceled') {
      return ctx.fail('Set-up failed: DELETE of an open order did not cancel it', '200 with order.status canceled', `${cancel.status} ${cancel.text.slice(0, 300)}`);
    }
    const market = await c.placeOrder({ symbol: info.symbol, side: 'buy', type: 'market', quantity: lots(info, 5) });
    expectStatus(ctx, market, 201, 'Set-up: a small market buy');
    const filled = market.json?.order;
    if (filled?.status !== 'filled') return ctx.fail('Set-up failed: a small market buy did not fill', 'order.status filled', market.text.slice(0, 300));

    const attempts: Array<{ what: string; status: string; res: ApiResponse<unknown> }> = [
      { what: `PATCH of canceled order ${canceledId}`, status: 'canceled', res: await c.modifyOrder(canceledId, { price: farBelow(info, 0.45) }) },
      { what: `DELETE of canceled order ${canceledId}`, status: 'canceled', res: await c.cancelOrder(canceledId) },
      { what: `PATCH of filled order ${filled.orderId}`, status: 'filled', res: await c.modifyOrder(filled.orderId, { quantity: lots(info, 20) }) },
      { what: `DELETE of filled order ${filled.orderId}`, status: 'filled', res: await c.cancelOrder(filled.orderId) },
    ];
    const failures: string[] = [];
    const wrong: Array<ApiResponse<unknown>> = [];
    for (const { what, status, res } of attempts) {
      const code = problemCode(res);
      if (res.status !== 409 || code !== 'order_not_modifiable') {
        failures.push(`${what} answered ${res.status}${code ? ` ${code}` : ''} instead of 409 order_not_modifiable${res.status >= 200 && res.status < 300 ? ' (it accepted a change to a finished order)' : ''}`);
        wrong.push(res);
        continue;
      }
      const issues = [...problemIssues(res), ...ctx.specProblems(res)];
      const orderStatus = asRecord(res.json)?.orderStatus;
      if (orderStatus !== status) issues.push(`orderStatus is ${JSON.stringify(orderStatus)}, expected '${status}'`);
      if (issues.length > 0) {
        failures.push(`${what}: the 409 is malformed: ${issues.join('; ')}`);
        wrong.push(res);
      }
    }
    if (failures.length > 0) {
      showAsEvidence(ctx, wrong);
      return ctx.fail(
        `${failures.length} of 4 changes to finished orders were not refused properly: ${failures[0]}`,
        '409 application/problem+json, code order_not_modifiable, orderStatus canceled/filled, for PATCH and DELETE of finished orders',
        failures.join('\n'),
      );
    }
    return pass('PATCH and DELETE of a canceled and of a filled order all got 409 order_not_modifiable');
  },
};
