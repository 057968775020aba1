// Delivery over real HTTP: Standard Webhooks signatures the reference library accepts, payloads
// that match the spec, per-webhook ordering, and a hanging receiver that the API never waits for.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webhookEvents } from '../../src/generated/webhooks.js';
import { ALL_EVENTS, hookMock, sentInRealTime, startReceiver, verifyAt, type Receiver } from './support.js';

let receivers: Receiver[] = [];
const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
};
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

function expectSpecPayload(got: { headers: Record<string, unknown>; body: string }) {
  const payload = JSON.parse(got.body) as { type: keyof typeof webhookEvents };
  const def = webhookEvents[payload.type];
  expect(def, payload.type).toBeDefined();
  expect(def.schema.safeParse(payload).error?.issues ?? []).toEqual([]);
  expect(def.headers.safeParse(got.headers).error?.issues ?? []).toEqual([]);
  return payload;
}

describe('webhook delivery', () => {
  it('signs each message so standardwebhooks verifies it now, with a spec-valid payload on the mock’s time', async () => {
    const since = Date.now();
    const r = await receiver();
    const m = hookMock();
    const bot = await m.agent();
    const { secret } = await m.addHook(bot, r.url);
    const placed = await m.buy(bot);
    expect(placed.status).toBe(201);
    await m.ctx.webhookDelivery.idle();

    expect(r.types()).toEqual(['order.created', 'order.filled']);
    for (const got of r.received) {
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9]{27}$/);
      expect(verifyAt(secret, got, Date.now())).toEqual(JSON.parse(got.body));
      expectSpecPayload(got);
    }
    // The header is the real time of sending (receivers check it against their clock); the
    // event's own time is the mock's virtual clock.
    expect(sentInRealTime(r.received, since)).toBe(true);
    const filled = JSON.parse(r.received[1]?.body ?? '{}');
    expect(filled).toEqual({ type: 'order.filled', timestamp: '2026-01-05T12:00:00.000Z', data: { agentId: bot.agentId, order: placed.body.order } });
    // A tampered body or another key must not verify (the check is real).
    const got = r.received[0]!;
    expect(() => verifyAt(secret, { ...got, body: got.body.replace('order.created', 'order.canceled') }, Date.now())).toThrow(/signature/i);
    expect(() => verifyAt('whsec_' + Buffer.from('another key entirely').toString('base64'), got, Date.now())).toThrow(/signature/i);
  });

  it('sends circuit-breaker events as spec-valid CircuitBreakerEvent payloads', async () => {
    const r = await receiver();
    const m = hookMock();
    const bot = await m.agent({ mode: 'live', dailyLossLimit: 50, maxPositionSize: 100_000 });
    await m.addHook(bot, r.url, ['circuit_breaker.tripped']);
    expect((await m.buy(bot, 0.008)).status).toBe(201);
    expect((await m.control('POST', '/market/BTC', { shiftPercent: -20 })).status).toBe(200);
    expect((await m.call('GET', '/portfolio', { as: bot })).body.data.breakers.dailyLoss.tripped).toBe(true);
    await m.ctx.webhookDelivery.idle();
    expect(r.types()).toEqual(['circuit_breaker.tripped']);
    const payload = expectSpecPayload(r.received[0]!) as unknown as { data: { agentId: string; breakers: { dailyLoss: { tripped: boolean } } } };
    expect(payload.data.agentId).toBe(bot.agentId);
    expect(payload.data.breakers.dailyLoss.tripped).toBe(true);
  });

  it('sends only subscribed events of the owning agent, with one id per event across webhooks', async () => {
    const a = await receiver();
    const b = await receiver();
    const m = hookMock();
    const bot = await m.agent();
    const other = await m.agent({ name: 'Other' });
    await m.addHook(bot, a.url, ['order.filled']);
    await m.addHook(bot, b.url, ALL_EVENTS);
    await m.buy(bot);
    await m.buy(other);
    await m.ctx.webhookDelivery.idle();
    expect(a.types()).toEqual(['order.filled']);
    expect(b.types()).toEqual(['order.created', 'order.filled']);
    expect(a.ids()[0]).toBe(b.ids()[1]);
  });

  it("keeps each webhook's messages in event order: the next waits for the one before", async () => {
    const r = await receiver((n) => (n === 0 ? 500 : 200));
    const m = hookMock();
    const bot = await m.agent();
    const { id } = await m.addHook(bot, r.url);
    for (let i = 0; i < 3; i++) await m.buy(bot);
    await m.ctx.webhookDelivery.idle();
    expect(r.received).toHaveLength(1); // the first message failed; the five behind it wait
    await m.advance(5_000);
    const messages = await m.log(id);
    expect(messages.map((x) => x.state)).toEqual(Array(6).fill('delivered'));
    const order = messages.map((x) => x.messageId);
    expect(r.ids()).toEqual([order[0], ...order]);
    expect(r.types()).toEqual(['order.created', ...Array(3).fill(['order.created', 'order.filled']).flat()]);
  });

  it('times a hanging attempt out after webhookTimeoutMs, and schedules the next attempt', async () => {
    const r = await receiver(() => 'hang');
    const m = hookMock({ webhookTimeoutMs: 300 });
    const bot = await m.agent();
    const { id } = await m.addHook(bot, r.url);
    expect((await m.buy(bot)).status).toBe(201);
    await m.ctx.webhookDelivery.idle();
    expect(r.received).toHaveLength(1);
    const [first] = await m.log(id);
    expect(first?.attempts[0]).toMatchObject({ number: 1, status: null, error: expect.stringMatching(/^timeout/) });
    expect(first?.attempts[0]?.latencyMs).toBeGreaterThanOrEqual(290); // the whole time-out (less timer rounding)
    expect(first).toMatchObject({ state: 'pending', nextAttemptAt: '2026-01-05T12:00:05.000Z' });
  });

  it('answers POST /orders at once while the receiver hangs (the default 10 s time-out)', async () => {
    // The API must not wait for deliveries: the 201s come back while the first attempt is still
    // open. The delivery log decides that, not a stopwatch.
    const r = await receiver(() => 'hang');
    const m = hookMock();
    const bot = await m.agent();
    const { id } = await m.addHook(bot, r.url);
    for (let i = 0; i < 3; i++) expect((await m.buy(bot)).status).toBe(201);
    // Three orders answered while the first message's first attempt still hangs.
    expect((await m.log(id)).map((x) => x.attempts.length)).toEqual(Array(6).fill(0));
    await vi.waitFor(() => expect(r.received).toHaveLength(1), { timeout: 15_000 });
    m.ctx.webhookDelivery.stop(); // aborts the hanging attempt
    await m.ctx.webhookDelivery.idle();
  });
});
