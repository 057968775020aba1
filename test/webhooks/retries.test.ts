// Retries on the mock's virtual clock: the schedule of src/mock/webhooks/schedule.ts, one
// webhook-id for all attempts, give-up, redelivery through the control API, reset and delete.
import { afterEach, describe, expect, it } from 'vitest';
import * as controlSchemas from '../../src/generated/control/schemas.js';
import { RETRY_DELAYS_MS } from '../../src/mock/webhooks/index.js';
import { T0_MS, at, hookMock, sentInRealTime, startReceiver, verifyAt, type Receiver } from './support.js';

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

async function oneMessage(script: Parameters<typeof startReceiver>[0]) {
  const r = await receiver(script);
  const m = hookMock();
  const bot = await m.agent();
  const hook = await m.addHook(bot, r.url, ['order.filled']);
  await m.buy(bot);
  await m.ctx.webhookDelivery.idle();
  return { r, m, bot, hook };
}

describe('webhook retries', () => {
  it('retries 500, 500, 200 at T0, +5 s, +35 s with the same webhook-id and fresh signatures', async () => {
    const since = Date.now();
    const { r, m, hook } = await oneMessage((n) => (n < 2 ? 500 : 200));
    expect(r.received).toHaveLength(1);
    expect((await m.log(hook.id))[0]).toMatchObject({ state: 'pending', nextAttemptAt: at(5_000) });
    await m.advance(4_999);
    expect(r.received).toHaveLength(1); // not due yet
    await m.advance(1);
    expect(r.received).toHaveLength(2);
    expect((await m.log(hook.id))[0]?.nextAttemptAt).toBe(at(35_000));
    await m.advance(30_000);
    expect(r.received).toHaveLength(3);

    const ids = new Set(r.ids());
    expect(ids.size).toBe(1);
    // Attempts follow the mock's clock (the log below); each is signed at the real time it was sent.
    expect(sentInRealTime(r.received, since)).toBe(true);
    r.received.forEach((got) => expect(verifyAt(hook.secret, got, Date.now())).toBeTruthy());
    // Re-signed per attempt: as many distinct signatures as distinct (whole-second) timestamps.
    const distinct = (h: string) => new Set(r.received.map((x) => x.headers[h])).size;
    expect(distinct('webhook-signature')).toBe(distinct('webhook-timestamp'));

    const [message] = await m.log(hook.id);
    expect(message).toMatchObject({ messageId: [...ids][0], eventType: 'order.filled', state: 'delivered', nextAttemptAt: null });
    expect(message?.attempts.map((a) => [a.number, a.at, a.status, a.error])).toEqual([
      [1, at(0), 500, null],
      [2, at(5_000), 500, null],
      [3, at(35_000), 200, null],
    ]);
  });

  it('gives up after the sixth attempt, then sends the next message in the queue', async () => {
    const r = await receiver((_n, got) => ((JSON.parse(got.body) as { type: string }).type === 'order.created' ? 503 : 200));
    const m = hookMock();
    const bot = await m.agent();
    const hook = await m.addHook(bot, r.url);
    await m.buy(bot);
    await m.ctx.webhookDelivery.idle();
    let offset = 0;
    for (const delay of RETRY_DELAYS_MS.slice(1)) {
      offset += delay;
      await m.advance(delay);
    }
    expect(r.types()).toEqual([...Array(6).fill('order.created'), 'order.filled']);
    expect(offset).toBe(2_555_000);
    const [created, filled] = await m.log(hook.id);
    const times = created?.attempts.map((a) => Date.parse(a.at) - T0_MS);
    expect(times).toEqual([0, 5_000, 35_000, 155_000, 755_000, 2_555_000]);
    expect(created).toMatchObject({ state: 'failed', nextAttemptAt: null });
    expect(created?.attempts).toHaveLength(6);
    expect(filled).toMatchObject({ state: 'delivered' });
    await m.advance(24 * 3600_000);
    expect(r.received).toHaveLength(7);
  });

  it('redelivers the last message, or a given one, through the control API (same id, same body)', async () => {
    const { r, m, hook } = await oneMessage(() => 200);
    const first = r.received[0]!;
    const again = await m.control('POST', `/webhooks/${hook.id}/redeliver`);
    expect(again.status, again.text).toBe(202);
    expect(controlSchemas.WebhookMessage.safeParse(again.body).success).toBe(true);
    expect(again.body).toMatchObject({ messageId: first.headers['webhook-id'], state: 'pending', nextAttemptAt: at(0) });
    const flushed = await m.control('POST', '/webhooks/flush');
    expect(flushed.status).toBe(200);
    expect(controlSchemas.WebhookDeliveryList.safeParse(flushed.body).error?.issues ?? []).toEqual([]);
    expect(r.received).toHaveLength(2);
    expect(r.received[1]?.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(r.received[1]?.body).toBe(first.body);
    const [message] = flushed.body.data[0].messages;
    expect(message).toMatchObject({ state: 'delivered' });
    expect(message.attempts.map((a: { number: number }) => a.number)).toEqual([1, 2]);

    const byId = await m.control('POST', `/webhooks/${hook.id}/redeliver`, { messageId: message.messageId });
    expect(byId.status).toBe(202);
    expect((await m.control('POST', `/webhooks/${hook.id}/redeliver`, { messageId: 'msg_nope' })).status).toBe(404);
    expect((await m.control('POST', '/webhooks/wh_0000/redeliver')).status).toBe(404);
  });

  it('reset drops queues and logs, and deliveries work again afterwards', async () => {
    const { r, m, hook } = await oneMessage(() => 500);
    expect((await m.control('POST', '/reset')).status).toBe(204);
    expect((await m.control('GET', '/webhooks')).body.data).toEqual([]);
    await m.advance(3_600_000);
    expect(r.received).toHaveLength(1);
    expect(await m.log(hook.id)).toEqual([]);
    // The dispatcher follows the new engine.
    const ok = await receiver();
    const bot = await m.agent();
    await m.addHook(bot, ok.url, ['order.filled']);
    await m.buy(bot);
    await m.ctx.webhookDelivery.idle();
    expect(ok.types()).toEqual(['order.filled']);
  });

  it('stops delivering to a deleted webhook', async () => {
    const { r, m, bot, hook } = await oneMessage(() => 500);
    expect((await m.call('DELETE', `/webhooks/${hook.id}`, { as: bot })).status).toBe(204);
    await m.advance(3_600_000);
    expect(r.received).toHaveLength(1);
  });

  it('never shows the secret in the control listing or the journal', async () => {
    const { m, hook } = await oneMessage(() => 200);
    const listing = await m.control('GET', '/webhooks');
    expect(listing.status).toBe(200);
    expect(controlSchemas.WebhookDeliveryList.safeParse(listing.body).error?.issues ?? []).toEqual([]);
    expect(listing.body.retryScheduleMs).toEqual([...RETRY_DELAYS_MS]);
    const key = hook.secret.slice('whsec_'.length);
    for (const text of [listing.text, (await m.control('GET', '/journal')).text]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain('whsec_');
    }
  });
});
