// The helpers people use in their own test suites: startTestMock() and interceptApi().
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/signing/index.js';
import { interceptApi, startTestMock, type TestMock } from '../../src/testing/index.js';

describe('startTestMock on a virtual clock', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await startTestMock({ clock: 'virtual:2026-01-05T12:00:00Z' });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  it('gives ready sandbox and live agents with typed, signing clients', async () => {
    const market = await mock.agent.client.market('bitcoin');
    expect(market.status).toBe(200);
    expect(market.json?.data[0]?.symbol).toBe('BTC');
    const me = await mock.liveAgent.client.me();
    expect(me.status).toBe(200);
    expect(me.json?.agent.mode).toBe('live');
  });

  it('reset() drops orders but keeps the ready agents valid', async () => {
    const placed = await mock.agent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    expect(placed.status).toBe(201);
    expect((await mock.agent.client.listOrders()).json?.data).toHaveLength(1);
    await mock.reset();
    const after = await mock.agent.client.listOrders();
    expect(after.status).toBe(200);
    expect(after.json?.data).toHaveLength(0);
  });

  it('moves time through the control API instead of sleeping; now() reads it', async () => {
    const before = await mock.control.now();
    expect(mock.now()).toBe(before);
    await mock.control.advance(60_000);
    expect(await mock.control.now()).toBe(before + 60_000);
    expect(mock.now()).toBe(before + 60_000);
  });
});

describe('startTestMock by default', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await startTestMock();
  });
  afterAll(() => mock.close());

  // The trap this default avoids: a user's own live client signs with Date.now(), and a virtual
  // clock elsewhere in time would answer 401 to every request.
  it('runs on the real clock, so a hand-written live client signing with Date.now() is served', async () => {
    expect((await mock.control.info()).clock.kind).toBe('real');
    const timestamp = String(Date.now());
    const res = await fetch(`${mock.baseUrl}/me`, {
      headers: {
        'X-NX-Key': mock.liveAgent.apiKey,
        'X-NX-Timestamp': timestamp,
        'X-NX-Signature': signRequest({ secret: mock.liveAgent.apiSecret, timestamp, method: 'GET', path: '/me', body: '' }),
      },
    });
    expect(res.status).toBe(200);
  });
});

describe('interceptApi', () => {
  it('serves fetch calls to the real origin from the in-process mock, signatures intact', async () => {
    const intercepted = await interceptApi({ clock: 'virtual:2026-01-05T12:00:00Z' });
    try {
      const live = intercepted.mock.ctx.demoAgents.find((d) => d.mode === 'live');
      if (!live) throw new Error('no demo live agent');
      const body = '{"symbol": "BTC",  "side": "buy", "type": "market", "quantity": 0.001, "price": null}';
      const timestamp = String(intercepted.mock.ctx.clock.now());
      const res = await fetch('https://api.next.exchange/v1/agent/orders', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-nx-key': live.apiKey,
          'x-nx-timestamp': timestamp,
          'x-nx-signature': signRequest({ secret: live.apiSecret, timestamp, method: 'POST', path: '/orders', body }),
        },
        body,
      });
      expect(res.status).toBe(201);
      const json = (await res.json()) as { order: { status: string } };
      expect(json.order.status).toBe('filled');
      expect(intercepted.mock.ctx.journal.list({ operationId: 'placeOrder' })).toHaveLength(1);
    } finally {
      await intercepted.restore();
    }
  });

  it('serves node:https requests too, and blocks other hosts meanwhile', async () => {
    const intercepted = await interceptApi();
    try {
      const key = intercepted.mock.ctx.demoAgents[0]?.apiKey ?? '';
      const status = await new Promise<number>((resolve, reject) => {
        const req = https.request('https://api.next.exchange/v1/agent/market?coins=bitcoin', { headers: { 'x-nx-key': key } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      await expect(fetch('https://example.org/')).rejects.toThrow();
    } finally {
      await intercepted.restore();
    }
  });
});
