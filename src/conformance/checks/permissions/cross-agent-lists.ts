// Isolation on the agent-owned lists: an agent's GET /orders and GET /webhooks never show another
// agent's order or webhook, and another agent's webhook cannot be deleted. (Reads, changes and
// cancels of one order by id are permission.cross-agent-orders.)
import type { ApiResponse } from '../../../client/agent-client.js';
import type { TestAgent } from '../../agent-pool.js';
import type { Check } from '../../check.js';
import type { CheckContext } from '../../check-context.js';
import { expectStatus, pass } from '../expect.js';
import { deleteWebhooksQuietly, webhookBody } from '../signatures/signing-helpers.js';
import { showAsEvidence } from '../schema/support/evidence.js';
import { coinInfo, farBelow, lots } from '../schema/support/market-info.js';
import { agentWithout } from '../schema/support/pick-agent.js';

/** Pages of another agent's order list read before concluding (a busy pooled agent may have many). */
const MAX_PAGES = 5;

interface Listed {
  ids: string[];
  pages: ApiResponse<unknown>[];
}

async function orderIds(ctx: CheckContext, agent: TestAgent, symbol: string): Promise<Listed> {
  const out: Listed = { ids: [], pages: [] };
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await agent.client.listOrders({ symbol, limit: 100, ...(cursor ? { cursor } : {}) });
    expectStatus(ctx, res, 200, `GET /orders?symbol=${symbol}`);
    out.pages.push(res);
    const json = res.json as { data?: Array<{ orderId?: unknown }>; nextCursor?: unknown } | undefined;
    out.ids.push(...(json?.data ?? []).map((o) => String(o.orderId)));
    if (typeof json?.nextCursor !== 'string' || json.nextCursor === '') break;
    cursor = json.nextCursor;
  }
  return out;
}

async function webhookIds(ctx: CheckContext, agent: TestAgent): Promise<Listed> {
  const res = await agent.client.listWebhooks();
  expectStatus(ctx, res, 200, 'GET /webhooks');
  const data = (res.json as { data?: Array<{ id?: unknown }> } | undefined)?.data ?? [];
  return { ids: data.map((w) => String(w.id)), pages: [res] };
}

export const crossAgentLists: Check = {
  id: 'permission.cross-agent-lists',
  title: "An agent's lists (GET /orders, GET /webhooks) never show another agent's orders or webhooks, and another agent's webhook cannot be deleted",
  category: 'permissions',
  spec: 'GET /orders: "The agent\'s orders"; GET /webhooks: "The agent\'s webhooks"; every order and webhook belongs to the agent that created it, and another agent\'s is reported as not found (404).',
  requirements: ['isolation.orders.list', 'isolation.webhooks.list', 'isolation.webhooks.delete'],
  modes: ['sandbox', 'live'],
  needs: { register: true, orders: true, budget: 6 },
  async run(ctx) {
    // The other way round from permission.cross-agent-orders, so the two spread over the pooled agents.
    const owner = await agentWithout(ctx, 'read:social', 6);
    const other = await agentWithout(ctx, 'read:sentiment', 4);
    if (owner.id === other.id) return ctx.skip('needs two different agents');
    const info = await coinInfo(ctx, owner);
    const placed = await owner.client.placeOrder({ symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 10), price: farBelow(info, 0.5) });
    expectStatus(ctx, placed, 201, 'Set-up: a small limit buy far below the market');
    const orderId = placed.json?.order.orderId ?? '';
    const created = await owner.client.send('POST', '/webhooks', { body: webhookBody('isolation') });
    expectStatus(ctx, created, 201, 'Set-up: POST /webhooks');
    const webhookId = String((created.json as { webhook?: { id?: unknown } } | undefined)?.webhook?.id ?? '');
    try {
      // The owner sees both, so that their absence from the other agent's lists means something.
      const ownOrders = await orderIds(ctx, owner, info.symbol);
      const ownHooks = await webhookIds(ctx, owner);
      if (!ownOrders.ids.includes(orderId) || !ownHooks.ids.includes(webhookId)) {
        return ctx.fail(
          "Set-up failed: the owner's own lists do not show its new order and webhook",
          `${orderId} in GET /orders and ${webhookId} in GET /webhooks`,
          `GET /orders: ${ownOrders.ids.slice(0, 5).join(', ') || 'empty'}; GET /webhooks: ${ownHooks.ids.join(', ') || 'empty'}`,
        );
      }
      const theirOrders = await orderIds(ctx, other, info.symbol);
      const theirHooks = await webhookIds(ctx, other);
      const deleted = await other.client.deleteWebhook(webhookId);
      const leaks = [
        ...(theirOrders.ids.includes(orderId) ? [`GET /orders?symbol=${info.symbol} lists the other agent's order ${orderId}`] : []),
        ...(theirHooks.ids.includes(webhookId) ? [`GET /webhooks lists the other agent's webhook ${webhookId}`] : []),
        ...(deleted.status !== 404 ? [`DELETE /webhooks/${webhookId} of the other agent's webhook answered ${deleted.status}`] : []),
      ];
      if (leaks.length > 0) {
        showAsEvidence(ctx, [...(theirOrders.ids.includes(orderId) ? theirOrders.pages : []), ...(theirHooks.ids.includes(webhookId) ? theirHooks.pages : []), deleted]);
        return ctx.fail(`Another agent's data reached this agent: ${leaks.join('; ')}`, "lists show only the agent's own orders and webhooks; DELETE of another agent's webhook is 404", leaks.join('\n'));
      }
      const still = await webhookIds(ctx, owner);
      if (!still.ids.includes(webhookId)) return ctx.fail("The other agent's DELETE removed the webhook although it answered 404", `${webhookId} still in the owner's GET /webhooks`, still.ids.join(', ') || 'empty');
      return pass("another agent's GET /orders and GET /webhooks did not show the owner's order and webhook, and its DELETE of the webhook got 404");
    } finally {
      // The resting order stays, as in permission.cross-agent-orders: it is far below the market.
      await deleteWebhooksQuietly(ctx, owner, [webhookId]);
    }
  },
};
