// --webhook-targets: literal addresses judged at creation (400 webhook_url_not_allowed), host
// names resolved before each attempt (a refused answer is a failed attempt, never a request).
import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/mock/engine/clock.js';
import type { EngineEvent } from '../../src/mock/engine/index.js';
import { createWebhookDispatcher, creationRefusal, deliveryRefusal, type Lookup } from '../../src/mock/webhooks/index.js';
import { T0_MS, hookMock } from './support.js';

const resolvesTo = (...addresses: string[]): Lookup => async () => addresses.map((address) => ({ address }));

describe('creationRefusal', () => {
  it.each([
    'http://127.0.0.1:9000/h', 'http://127.9.9.9/', 'http://[::1]:8080/', 'http://localhost:3000/', 'http://LOCALHOST./x', 'http://api.localhost/',
  ])('loopback allows %s', (url) => expect(creationRefusal(url, 'loopback')).toBeNull());

  it.each(['https://bot.example.com/h', 'http://10.0.0.1/', 'http://[::ffff:10.0.0.1]/', 'http://192.168.1.10/', 'http://0.0.0.0/'])(
    'loopback refuses %s',
    (url) => expect(creationRefusal(url, 'loopback')).toMatch(/--webhook-targets loopback/),
  );

  it.each([
    'http://127.0.0.1/', 'http://2130706433/', 'http://10.1.2.3/', 'http://172.16.0.1/', 'http://192.168.0.1/', 'http://169.254.169.254/latest',
    'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[::1]/', 'http://[fe80::1]/', 'http://[fd00::1]/', 'http://[::ffff:127.0.0.1]/', 'http://localhost/',
  ])('public refuses %s', (url) => expect(creationRefusal(url, 'public')).toMatch(/--webhook-targets public/));

  it.each(['https://bot.example.com/h', 'http://93.184.216.34/', 'http://[2606:4700::1]/'])('public allows %s (names are checked later)', (url) =>
    expect(creationRefusal(url, 'public')).toBeNull(),
  );

  it('any allows everything http(s)', () => expect(creationRefusal('http://10.0.0.1/', 'any')).toBeNull());
});

describe('deliveryRefusal', () => {
  it('resolves names: public refuses one that points inside, loopback one that points outside', async () => {
    expect(await deliveryRefusal('https://internal.example/h', 'public', resolvesTo('93.184.216.34', '10.0.0.7'))).toMatch(/resolves to 10\.0\.0\.7/);
    expect(await deliveryRefusal('https://bot.example.com/h', 'public', resolvesTo('93.184.216.34'))).toBeNull();
    expect(await deliveryRefusal('http://localhost:1/', 'loopback', resolvesTo('127.0.0.1', '::1'))).toBeNull();
    expect(await deliveryRefusal('http://localhost:1/', 'loopback', resolvesTo('192.168.1.5'))).toMatch(/192\.168\.1\.5/);
    expect(await deliveryRefusal('http://nowhere.example/', 'public', resolvesTo())).toMatch(/did not resolve/);
  });

  // The refusal comes before fetch: the error names the policy, not a network failure.
  it('turns a refused target into a failed attempt without sending anything', async () => {
    const clock = createClock(`virtual:${new Date(T0_MS).toISOString()}`);
    const hook = { id: 'wh_1', agentId: 'ag_1', url: 'https://sneaky.example/h', events: ['order.canceled'], description: null, createdAt: T0_MS, secret: 'whsec_c2VjcmV0' };
    const registry = { list: () => [hook], all: () => [hook] };
    const d = createWebhookDispatcher({ clock, registry, seed: 1, targets: 'public', lookup: resolvesTo('169.254.169.254') });
    const order = { orderId: 'ord_1', clientOrderId: null, symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 1, status: 'canceled', filledQuantity: 0, remainingQuantity: 1, avgFillPrice: null, fees: 0, fills: [], rejectReason: null, createdAt: T0_MS, updatedAt: T0_MS };
    d.handle({ type: 'order.canceled', agentId: 'ag_1', at: T0_MS, order } as EngineEvent);
    await d.idle();
    const [message] = d.messages('wh_1');
    expect(message?.attempts[0]).toMatchObject({ status: null, error: expect.stringMatching(/^url_not_allowed: 'sneaky\.example' resolves to 169\.254\.169\.254/) });
    expect(message?.state).toBe('pending');
  });
});

describe('POST /webhooks with --webhook-targets', () => {
  it('loopback: 400 webhook_url_not_allowed for outside URLs, 201 for loopback ones', async () => {
    const m = hookMock({ webhookTargets: 'loopback' });
    const bot = await m.agent();
    const refused = await m.call('POST', '/webhooks', { as: bot, body: { url: 'https://bot.example.com/h', events: ['order.filled'] } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'webhook_url_not_allowed', detail: expect.stringContaining('loopback') });
    for (const url of ['http://127.0.0.1:9/h', 'http://[::1]:9/h', 'http://localhost:9/h']) {
      expect((await m.call('POST', '/webhooks', { as: bot, body: { url, events: ['order.filled'] } })).status).toBe(201);
    }
  });

  it('public: refuses loopback, private and link-local literals and localhost', async () => {
    const m = hookMock({ webhookTargets: 'public' });
    const bot = await m.agent();
    for (const url of ['http://127.0.0.1/h', 'http://10.0.0.1/h', 'http://192.168.1.1/h', 'http://169.254.169.254/h', 'http://[::1]/h', 'http://localhost/h']) {
      const res = await m.call('POST', '/webhooks', { as: bot, body: { url, events: ['order.filled'] } });
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('webhook_url_not_allowed');
    }
    expect((await m.call('POST', '/webhooks', { as: bot, body: { url: 'https://bot.example.com/h', events: ['order.filled'] } })).status).toBe(201);
  });

  it('rejects an unknown webhookTargets option', () => {
    expect(() => hookMock({ webhookTargets: 'nowhere' as never })).toThrow(/webhookTargets/);
  });
});
