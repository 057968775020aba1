import type { Check } from '../../check.js';
import { expectStatus, pass } from '../expect.js';
import { coinInfo, farBelow, lots } from '../schema/support/market-info.js';
import { showAsEvidence } from '../schema/support/evidence.js';
import { agentWithout } from '../schema/support/pick-agent.js';
import { problemCode } from '../schema/support/problem-shape.js';

export const crossAgentOrders: Check = {
  id: 'permission.cross-agent-orders',
  title: "An agent cannot read, change or cancel another agent's order (404)",
  category: 'permissions',
  spec: "GET /orders/{orderId}: another agent's order is reported as not found (404); so are PATCH and DELETE of it.",
  requirements: ['isolation.orders.by-id'],
  modes: ['sandbox', 'live'],
  needs: { register: true, orders: true, budget: 5 },
  async run(ctx) {
    const owner = await agentWithout(ctx, 'read:sentiment', 5);
    const other = await agentWithout(ctx, 'read:social', 4);
    if (owner.id === other.id) return ctx.skip('needs two different agents');
    const info = await coinInfo(ctx, owner);
    const placed = await owner.client.placeOrder({ symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 10), price: farBelow(info, 0.5) });
    expectStatus(ctx, placed, 201, 'Set-up: a small limit buy far below the market');
    const order = placed.json?.order;
    if (!order || order.status !== 'open') return ctx.fail('Set-up failed: the resting limit order is not open', 'order.status open', placed.text.slice(0, 300));
    const id = order.orderId;
    const attempts = [
      { what: `GET /orders/${id}`, res: await other.client.getOrder(id) },
      { what: `PATCH /orders/${id}`, res: await other.client.modifyOrder(id, { price: farBelow(info, 0.4) }) },
      { what: `DELETE /orders/${id}`, res: await other.client.cancelOrder(id) },
    ];
    const wrong = attempts.filter(({ res }) => res.status !== 404);
    if (wrong.length > 0) {
      showAsEvidence(ctx, wrong.map((w) => w.res));
      return ctx.fail(
        `Another agent could reach this agent's order: ${wrong.map(({ what, res }) => `${what} answered ${res.status}${problemCode(res) ? ` ${problemCode(res)}` : ''}`).join('; ')}`,
        "404 for every request about another agent's order",
        wrong.map(({ what, res }) => `${what} → ${res.status} ${res.text.slice(0, 200)}`).join('\n'),
      );
    }
    const after = await owner.client.getOrder(id);
    expectStatus(ctx, after, 200, "The owner's GET of its order after the other agent's attempts");
    const o = after.json?.order;
    if (o?.status !== 'open' || o.price !== order.price || o.quantity !== order.quantity) {
      return ctx.fail(
        "The other agent's PATCH or DELETE changed the order although it answered 404",
        `status open, price ${order.price}, quantity ${order.quantity}`,
        `status ${o?.status}, price ${o?.price}, quantity ${o?.quantity}`,
      );
    }
    return pass("another agent's GET, PATCH and DELETE all got 404; the order stayed open for its owner");
  },
};
