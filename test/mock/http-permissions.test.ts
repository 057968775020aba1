// Authorisation over HTTP: every operation's `x-permission` (from the generated operation table)
// is enforced, `/me` needs none, and orders are private to the agent that placed them.
import { describe, expect, it } from 'vitest';
import { operationList } from '../../src/generated/operations.js';
import { createTestMock } from '../helpers/test-mock.js';
import { ALL_PERMISSIONS, expectProblem, restingLimit, type PermissionName } from './support.js';

type Mock = ReturnType<typeof createTestMock>;
type Agent = Awaited<ReturnType<Mock['register']>>;
interface Built {
  path: string;
  body?: unknown;
}

/** A valid minimal request per operation; resources it needs are created through the engine. */
const builders: Record<string, (mock: Mock, agent: Agent) => Built | Promise<Built>> = {
  getMarket: () => ({ path: '/market?coins=bitcoin' }),
  getOrderBook: () => ({ path: '/market/BTC/orderbook?depth=5' }),
  getCandles: () => ({ path: '/market/ETH/candles?interval=1m&limit=3' }),
  getPortfolio: () => ({ path: '/portfolio' }),
  placeOrder: () => ({ path: '/orders', body: { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null } }),
  listOrders: () => ({ path: '/orders?limit=5' }),
  getOrder: ({ ctx }, a) => ({ path: `/orders/${ctx.engine.placeOrder(a.agentId, restingLimit()).order.orderId}` }),
  modifyOrder: ({ ctx }, a) => ({ path: `/orders/${ctx.engine.placeOrder(a.agentId, restingLimit()).order.orderId}`, body: { price: 1100 } }),
  cancelOrder: ({ ctx }, a) => ({ path: `/orders/${ctx.engine.placeOrder(a.agentId, restingLimit()).order.orderId}` }),
  getSentiment: () => ({ path: '/sentiment?coins=BTC,ETH' }),
  getSocialFeed: () => ({ path: '/social/feed?limit=3' }),
  createWebhook: () => ({ path: '/webhooks', body: { url: 'https://bot.example.com/hooks/nx', events: ['order.filled'] } }),
  listWebhooks: () => ({ path: '/webhooks' }),
  deleteWebhook: ({ ctx }, a) => {
    const hook = ctx.webhooks.add({ id: `wh_${a.agentId.slice(-12)}`, agentId: a.agentId, url: 'https://bot.example.com/h', events: ['order.filled'], description: null, createdAt: ctx.clock.now() });
    return { path: `/webhooks/${hook.id}` };
  },
};

const guarded = operationList.filter((op) => op.permission !== null);

function fillPath(template: string): string {
  return template.replace(/\{[^}]+\}/g, 'x_123');
}

describe('the operation table drives authorisation', () => {
  it('has a request builder for every operation that needs a permission', () => {
    expect(guarded.length).toBeGreaterThanOrEqual(14);
    expect(guarded.map((op) => op.operationId).sort()).toEqual(Object.keys(builders).sort());
    for (const op of guarded) expect(ALL_PERMISSIONS).toContain(op.permission);
  });
});

describe('an agent missing the one permission an operation needs gets 403 permission_denied', () => {
  for (const op of guarded) {
    const needed = op.permission as PermissionName;
    it(`${op.operationId} (${op.method.toUpperCase()} ${op.path}) needs ${needed}`, async () => {
      const mock = createTestMock();
      const granted = ALL_PERMISSIONS.filter((p) => p !== needed);
      const agent = await mock.register({ name: `Without ${needed}`, permissions: granted });
      const built = await builders[op.operationId]!(mock, agent);
      const before = mock.ctx.engine.snapshot();
      const res = await mock.call(op.method.toUpperCase(), built.path, { as: agent, body: built.body });
      const problem = expectProblem(res, 403, 'permission_denied');
      expect(problem.requiredPermission).toBe(needed);
      expect(problem.grantedPermissions).toEqual(granted);
      expect(problem.detail).toContain(needed);
      expect(mock.ctx.engine.snapshot()).toEqual(before);
    });
  }
});

describe('an agent holding only the permission an operation needs is served (2xx)', () => {
  for (const op of guarded) {
    const needed = op.permission as PermissionName;
    it(`${op.operationId} with just ${needed}`, async () => {
      const mock = createTestMock();
      const agent = await mock.register({ name: `Only ${needed}`, permissions: [needed] });
      const built = await builders[op.operationId]!(mock, agent);
      const res = await mock.call(op.method.toUpperCase(), built.path, { as: agent, body: built.body });
      expect(res.status, res.text).toBeGreaterThanOrEqual(200);
      expect(res.status, res.text).toBeLessThan(300);
    });
  }

  it('checks the permission before validating input (a bad request still gets 403 when unauthorised)', async () => {
    const mock = createTestMock();
    const agent = await mock.register({ permissions: ['read:market'] });
    const res = await mock.call('POST', '/orders', { as: agent, body: { qty: 'lots' } });
    expect(expectProblem(res, 403, 'permission_denied').requiredPermission).toBe('write:orders');
    for (const op of guarded.filter((o) => o.permission !== 'read:market')) {
      const path = fillPath(op.path);
      const denied = await mock.call(op.method.toUpperCase(), path, { as: agent, body: op.requestBody ? {} : undefined });
      expect(expectProblem(denied, 403, 'permission_denied').requiredPermission, op.operationId).toBe(op.permission);
    }
  });
});

describe('GET /me works with any permission', () => {
  for (const permission of ALL_PERMISSIONS) {
    it(`an agent with only ${permission}`, async () => {
      const mock = createTestMock();
      const agent = await mock.register({ name: `Me ${permission}`, permissions: [permission] });
      const res = await mock.call('GET', '/me', { as: agent });
      expect(res.status).toBe(200);
      expect(res.body.agent).toMatchObject({ id: agent.agentId, permissions: [permission] });
    });
  }
});

describe("an agent never sees another agent's orders", () => {
  async function twoAgents() {
    const mock = createTestMock();
    const owner = await mock.register({ name: 'Owner' });
    const other = await mock.register({ name: 'Other' });
    const placed = await mock.call('POST', '/orders', { as: owner, body: restingLimit({ clientOrderId: 'mine-1' }) });
    expect(placed.status).toBe(201);
    expect(placed.body.order.status).toBe('open');
    return { ...mock, owner, other, order: placed.body.order as { orderId: string; price: number; quantity: number } };
  }

  it('cannot read it (404 order_not_found, not 403)', async () => {
    const { call, other, order } = await twoAgents();
    const problem = expectProblem(await call('GET', `/orders/${order.orderId}`, { as: other }), 404, 'order_not_found');
    expect(problem.detail).toContain(order.orderId);
  });

  it('cannot modify it; the order keeps its price', async () => {
    const { call, owner, other, order } = await twoAgents();
    expectProblem(await call('PATCH', `/orders/${order.orderId}`, { as: other, body: { price: 1200 } }), 404, 'order_not_found');
    const mine = await call('GET', `/orders/${order.orderId}`, { as: owner });
    expect(mine.body.order).toMatchObject({ status: 'open', price: order.price, quantity: order.quantity });
  });

  it('cannot cancel it; the order stays open and its cash reserved', async () => {
    const { call, owner, other, order } = await twoAgents();
    expectProblem(await call('DELETE', `/orders/${order.orderId}`, { as: other }), 404, 'order_not_found');
    expect((await call('GET', `/orders/${order.orderId}`, { as: owner })).body.order.status).toBe('open');
    expect((await call('GET', '/portfolio', { as: owner })).body.data.reservedCash).toBeGreaterThan(0);
  });

  it('does not list it', async () => {
    const { call, owner, other, order } = await twoAgents();
    expect((await call('GET', '/orders', { as: other })).body.data).toEqual([]);
    expect((await call('GET', '/orders', { as: owner })).body.data.map((o: { orderId: string }) => o.orderId)).toEqual([order.orderId]);
  });

  it('is told the same 404 for an id that does not exist at all', async () => {
    const { call, other } = await twoAgents();
    expectProblem(await call('GET', '/orders/ord_doesnotexist0000000', { as: other }), 404, 'order_not_found');
  });
});
