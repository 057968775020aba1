// The state file's compact order documents (order-doc.ts: one order; order-page.ts: a page as
// columns) come back exactly as the engine made them: every value bit for bit, and the fields in
// the engine's own order, so restored orders share the hidden class of placed ones (the engine's
// hot paths stay monomorphic after a restart).
import { describe, expect, it } from 'vitest';
import { createMockContext } from '../../src/mock/http/mock-context.js';
import { decodeOrder, decodeOrderPage, encodeOrder, sharedStrings } from '../../src/mock/state/persist/order-doc.js';
import { decodeAnyOrderPage, encodeOrderPage } from '../../src/mock/state/persist/order-page.js';

function placedOrders() {
  const ctx = createMockContext({ clock: 'virtual:2026-01-05T12:00:00Z' });
  const { agent } = ctx.engine.registerAgent({ name: 'docs', mode: 'live', permissions: ['write:orders'] });
  const market = ctx.engine.placeOrder(agent.agentId, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.0123, clientOrderId: 'doc-1' });
  const resting = ctx.engine.placeOrder(agent.agentId, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.5, price: 100.25 });
  ctx.webhookDelivery.stop();
  return ctx.engine.exportData().orders.filter((o) => [market, resting].some((r) => 'order' in r && r.order.orderId === o.orderId));
}

/** Orders of every shape a page can hold: several agents, fills or none, a request or none, times apart. */
function variedOrders() {
  const ctx = createMockContext({ clock: 'virtual:2026-01-05T12:00:00Z', startingCash: 1_000 });
  const agents = ['a', 'b'].map((name) => ctx.engine.registerAgent({ name, mode: 'live', permissions: ['write:orders'] }).agent.agentId);
  const [a, b] = agents as [string, string];
  ctx.engine.placeOrder(a, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, clientOrderId: 'v-1' });
  ctx.engine.placeOrder(b, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.1, price: 99.5 });
  ctx.clock.advance(1_234);
  ctx.engine.placeOrder(a, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.2, price: 50.13, clientOrderId: 'v-2' });
  ctx.engine.placeOrder(b, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.002 });
  ctx.engine.placeOrder(b, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.001 });
  ctx.webhookDelivery.stop();
  return ctx.engine.exportData().orders;
}

describe('order documents', () => {
  it('decode what they encode, fills, request and float values exact, fields in the engine order', () => {
    const orders = placedOrders();
    expect(orders).toHaveLength(2);
    expect(orders[0]?.fills.length).toBeGreaterThan(0);
    expect(orders[0]?.request).not.toBeNull();
    for (const order of orders) {
      const back = decodeOrder(encodeOrder(order));
      expect(back).toStrictEqual(order);
      expect(Object.keys(back)).toEqual(Object.keys(order));
      back.fills.forEach((f, i) => expect(Object.keys(f)).toEqual(Object.keys(order.fills[i] ?? {})));
    }
  });

  it('decode a page into the given list, sharing the strings every order repeats', () => {
    const orders = placedOrders();
    const into = [orders[0]!];
    const strings = sharedStrings();
    decodeOrderPage(`[${orders.map(encodeOrder).join(',')}]`, strings, into);
    expect(into.slice(1)).toStrictEqual(orders);
    const again = decodeOrder(encodeOrder(orders[1]!), strings);
    expect(again.agentId).toBe(into[2]?.agentId);
  });
});

describe('order pages as columns', () => {
  it('decode what they encode, in seq order, exact and in the engine field order', () => {
    const orders = variedOrders();
    expect(new Set(orders.map((o) => o.agentId)).size).toBe(2);
    expect(orders.some((o) => o.fills.length > 0) && orders.some((o) => o.fills.length === 0)).toBe(true);
    expect(orders.some((o) => o.request !== null) && orders.some((o) => o.price === null)).toBe(true);
    const into: typeof orders = [];
    decodeAnyOrderPage(encodeOrderPage(orders), sharedStrings(), into);
    expect(into).toStrictEqual(orders);
    into.forEach((o, i) => expect(Object.keys(o)).toEqual(Object.keys(orders[i] ?? {})));
  });

  it('still read a page of rows (document format 1)', () => {
    const orders = variedOrders();
    const into: typeof orders = [];
    decodeAnyOrderPage(`[${orders.map(encodeOrder).join(',')}]`, sharedStrings(), into);
    expect(into).toStrictEqual(orders);
  });
});
