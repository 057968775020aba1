import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/mock/engine/index.js';
import { T0 } from './helpers/fake-clock.js';
import { makeHarness } from './helpers/make-engine.js';

describe('engine events', () => {
  it('emits created then filled synchronously, after the state change', () => {
    const h = makeHarness();
    const id = h.agent();
    const seen: Array<[string, string | undefined]> = [];
    h.engine.onEvent((e) => {
      // The state is already updated when listeners run.
      seen.push([e.type, e.order ? h.engine.getOrder(id, e.order.orderId).status : undefined]);
    });
    const { order } = h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.1 });
    expect(seen).toEqual([
      ['order.created', 'filled'],
      ['order.filled', 'filled'],
    ]);
    expect(h.events.map((e) => [e.type, e.agentId, e.at, e.order?.status])).toEqual([
      ['order.created', id, T0, 'open'],
      ['order.filled', id, T0, 'filled'],
    ]);
    expect(h.events[1]?.order).toEqual(order);
  });

  it('emits partially_filled for a crossing limit that rests', () => {
    const h = makeHarness({ startingCash: 1_000_000 });
    const id = h.agent();
    h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 2, price: 50_005 });
    expect(h.events.map((e) => [e.type, e.order?.status])).toEqual([
      ['order.created', 'open'],
      ['order.partially_filled', 'partially_filled'],
    ]);
  });

  it('unsubscribes, isolates throwing listeners and handles re-entrant calls', () => {
    const h = makeHarness();
    const id = h.agent();
    const log: string[] = [];
    h.engine.onEvent(() => {
      throw new Error('boom');
    });
    const off = h.engine.onEvent((e: EngineEvent) => {
      log.push(e.type);
      if (e.type === 'order.created' && e.order?.type === 'limit') h.engine.cancelOrder(id, e.order.orderId);
    });
    const { order } = h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 40_000 });
    expect(order.status).toBe('open'); // the listener ran after placeOrder had built its result
    expect(log).toEqual(['order.created', 'order.canceled']);
    expect(h.engine.getOrder(id, order.orderId).status).toBe('canceled');
    off();
    h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.1 });
    expect(log).toHaveLength(2);
  });

  it('delivers events queued by a failing call’s settle', () => {
    const h = makeHarness();
    const id = h.agent();
    h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 49_000 });
    h.clock.advance(1000);
    h.market.set('BTC', 48_000);
    h.events.length = 0;
    expect(() => h.engine.placeOrder(id, { symbol: 'NOPE', side: 'buy', type: 'market', quantity: 1 })).toThrow();
    expect(h.events.map((e) => e.type)).toEqual(['order.filled']);
  });
});
