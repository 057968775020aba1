// The state file's compact order documents (order-doc.ts) come back exactly as the engine made
// them: every value bit for bit, and the fields in the engine's own order, so restored orders
// share the hidden class of placed ones (the engine's hot paths stay monomorphic after a restart).
import { describe, expect, it } from 'vitest';
import { createMockContext } from '../../src/mock/http/mock-context.js';
import { decodeOrder, decodeOrderPage, encodeOrder, sharedStrings } from '../../src/mock/state/persist/order-doc.js';

function placedOrders() {
  const ctx = createMockContext({ clock: 'virtual:2026-01-05T12:00:00Z' });
  const { agent } = ctx.engine.registerAgent({ name: 'docs', mode: 'live', permissions: ['write:orders'] });
  const market = ctx.engine.placeOrder(agent.agentId, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.0123, clientOrderId: 'doc-1' });
  const resting = ctx.engine.placeOrder(agent.agentId, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.5, price: 100.25 });
  ctx.webhookDelivery.stop();
  return ctx.engine.exportData().orders.filter((o) => [market, resting].some((r) => 'order' in r && r.order.orderId === o.orderId));
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
