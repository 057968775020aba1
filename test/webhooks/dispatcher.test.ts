// The dispatcher without HTTP (a stub transport): the real-clock ticker, the bounds on queue and
// log, and that ids are seeded (same seed, same message ids).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../../src/mock/engine/clock.js';
import type { EngineEvent } from '../../src/mock/engine/index.js';
import { MAX_LOGGED_MESSAGES, MAX_PENDING_MESSAGES } from '../../src/mock/webhooks/delivery-log.js';
import { createWebhookDispatcher, type AttemptOutcome, type Transport } from '../../src/mock/webhooks/index.js';
import { T0_MS } from './support.js';

const hook = { id: 'wh_1', agentId: 'ag_1', url: 'http://127.0.0.1:1/h', events: ['order.canceled'], description: null, createdAt: T0_MS, secret: 'whsec_c2VjcmV0' };
const registry = { list: () => [hook], all: () => [hook] };
const order = {
  orderId: 'ord_1', clientOrderId: null, symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 1, status: 'canceled', filledQuantity: 0,
  remainingQuantity: 1, avgFillPrice: null, fees: 0, fills: [], rejectReason: null, createdAt: T0_MS, updatedAt: T0_MS,
};
const event = { type: 'order.canceled', agentId: 'ag_1', at: T0_MS, order } as EngineEvent;
const answer = (status: number | null): AttemptOutcome => ({ status, error: status === null ? 'network: stub' : null, latencyMs: 1 });

afterEach(() => {
  vi.useRealTimers();
});

describe('webhook dispatcher', () => {
  it('retries on a real clock through its unref()ed ticker', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(T0_MS);
    const calls: number[] = [];
    const transport: Transport = async () => (calls.push(Date.now()), answer(calls.length === 1 ? 500 : 204));
    const d = createWebhookDispatcher({ clock: createClock('real'), registry, seed: 7, transport });
    d.handle(event);
    await d.idle();
    expect(calls).toEqual([T0_MS]);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await d.idle();
    expect(calls).toEqual([T0_MS, T0_MS + 5_000]);
    expect(d.messages('wh_1')[0]?.state).toBe('delivered');
    expect(vi.getTimerCount()).toBe(0); // the ticker stops once nothing is pending
  });

  it('bounds the queue: a message beyond it fails at once, and the log keeps every pending one', async () => {
    const clock = createClock(`virtual:${new Date(T0_MS).toISOString()}`);
    const d = createWebhookDispatcher({ clock, registry, seed: 7, transport: async () => answer(null) });
    for (let i = 0; i <= MAX_PENDING_MESSAGES; i++) d.handle(event);
    await d.idle();
    const log = d.messages('wh_1');
    expect(log.filter((m) => m.state === 'pending')).toHaveLength(MAX_PENDING_MESSAGES);
    expect(log.at(-1)).toMatchObject({ state: 'failed', attempts: [], note: expect.stringMatching(/^dropped/) });
    expect(log).toHaveLength(MAX_PENDING_MESSAGES + 1);
  });

  it('keeps at most 100 finished messages per webhook', async () => {
    const clock = createClock(`virtual:${new Date(T0_MS).toISOString()}`);
    const d = createWebhookDispatcher({ clock, registry, seed: 7, transport: async () => answer(200) });
    for (let i = 0; i < MAX_LOGGED_MESSAGES + 20; i++) d.handle(event);
    await d.idle();
    expect(d.messages('wh_1')).toHaveLength(MAX_LOGGED_MESSAGES);
  });

  it('draws message ids from the seed, again from the start after reset', async () => {
    const ids = (seed: number) => {
      const d = createWebhookDispatcher({ clock: createClock('fixed:2026-01-05T12:00:00Z'), registry, seed, transport: async () => answer(200) });
      d.handle(event);
      d.handle(event);
      const first = d.messages('wh_1').map((m) => m.messageId);
      d.reset();
      d.handle(event);
      return { first, afterReset: d.messages('wh_1')[0]?.messageId };
    };
    const a = ids(1);
    expect(ids(1)).toEqual(a);
    expect(ids(2).first).not.toEqual(a.first);
    expect(a.afterReset).toBe(a.first[0]);
    expect(new Set(a.first).size).toBe(2);
  });
});
