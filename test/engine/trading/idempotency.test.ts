import { describe, expect, it } from 'vitest';
import { expectEngineError, makeHarness } from '../helpers/make-engine.js';

describe('clientOrderId idempotency', () => {
  it('replays the first order for the same id and parameters', () => {
    const h = makeHarness();
    const id = h.agent();
    const input = { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.5, price: 49_000, clientOrderId: 'c-1' } as const;
    const first = h.engine.placeOrder(id, input);
    const before = h.engine.snapshot();
    h.events.length = 0;
    const again = h.engine.placeOrder(id, { ...input, symbol: 'bitcoin', quantity: 0.5000000000001 });
    expect(again).toEqual({ order: first.order, replayed: true });
    expect(h.engine.snapshot()).toEqual(before);
    expect(h.events).toEqual([]);
    expect(h.engine.stats().orders).toBe(1);
  });

  it('replays even when the order could no longer be placed', () => {
    const h = makeHarness();
    const id = h.agent();
    const input = { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1.9, clientOrderId: 'all-in' } as const;
    const first = h.engine.placeOrder(id, input);
    expect(first.order.status).toBe('filled');
    const again = h.engine.placeOrder(id, input);
    expect(again.replayed).toBe(true);
    expect(again.order.orderId).toBe(first.order.orderId);
  });

  it('returns the order as it is now (e.g. after it filled)', () => {
    const h = makeHarness();
    const id = h.agent();
    const input = { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.5, price: 49_000, clientOrderId: 'k' } as const;
    h.engine.placeOrder(id, input);
    h.clock.advance(1000);
    h.market.set('BTC', 48_000);
    expect(h.engine.placeOrder(id, input).order.status).toBe('filled');
  });

  it('conflicts (409) on the same id with different parameters', () => {
    const h = makeHarness();
    const id = h.agent();
    const { order } = h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.5, price: 49_000, clientOrderId: 'c' });
    for (const change of [{ quantity: 0.6 }, { price: 48_000 }, { side: 'sell' }, { symbol: 'ETH' }, { type: 'market', price: null }]) {
      const e = expectEngineError(
        () => h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.5, price: 49_000, clientOrderId: 'c', ...change } as never),
        'idempotency_conflict',
      );
      expect(e.status).toBe(409);
      expect(e.details).toMatchObject({ orderId: order.orderId });
    }
  });

  it('is scoped per agent', () => {
    const h = makeHarness();
    const a = h.agent();
    const b = h.agent();
    const oa = h.engine.placeOrder(a, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.1, clientOrderId: 'same' });
    const ob = h.engine.placeOrder(b, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 1, clientOrderId: 'same' });
    expect(ob.replayed).toBe(false);
    expect(ob.order.orderId).not.toBe(oa.order.orderId);
  });

  it('does not reserve the id when placement fails', () => {
    const h = makeHarness();
    const id = h.agent();
    expectEngineError(() => h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 5, clientOrderId: 'x' }), 'insufficient_funds');
    expect(h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1, clientOrderId: 'x' }).replayed).toBe(false);
  });
});
