// The four things issue 15 names, each across a restart on the same state file: a resting order
// still fills when the price crosses it, a tripped breaker stays latched until 00:00 UTC, a
// clientOrderId retry gets the original order, and a webhook message that failed is retried on
// schedule with the same id and body.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StateBatch } from '../../src/storage/index.js';
import { signedCall } from './support/signed-call.js';
import { appTarget } from './support/targets.js';

let dir: string;
let mock: ReturnType<typeof appTarget>;
const agent = { apiKey: '', apiSecret: '' };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nx-restart-cases-'));
  mock = start();
  const answer = await mock.api('POST', '/register', { 'content-type': 'application/json' }, JSON.stringify({ name: 'Keeper', mode: 'live', permissions: ['read:portfolio', 'write:orders', 'write:webhook'], dailyLossLimit: 300 }));
  Object.assign(agent, JSON.parse(answer.text).agent);
});
afterEach(() => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});

function start() {
  return appTarget({ stateFile: join(dir, 'state.db') });
}
function stop() {
  mock.mock.ctx.persistence?.close();
  mock.mock.ctx.webhookDelivery.stop();
}
function restart() {
  stop();
  mock = start();
}

const call = (method: string, path: string, body?: unknown) => signedCall(mock, agent, method, path, body);
const control = async (method: string, path: string, body?: unknown) => JSON.parse((await mock.control(method, path, body)).text || 'null');

describe('across a restart on the same state file', () => {
  it('a resting order keeps resting and fills when the price path crosses it', async () => {
    const placed = await call('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01, price: 60_000 });
    expect(placed.body.order.status).toBe('open');
    restart();
    expect((await call('GET', `/orders/${placed.body.order.orderId}`)).body.order.status).toBe('open');
    await control('POST', '/market/BTC', { pin: 59_000 });
    await control('POST', '/clock', { advanceMs: 60_000 });
    const filled = await call('GET', `/orders/${placed.body.order.orderId}`);
    expect(filled.body.order).toMatchObject({ status: 'filled', fills: [{ price: 60_000, quantity: 0.01, liquidity: 'maker' }] });
  });

  it('a tripped daily-loss breaker stays latched when the price recovers, until 00:00 UTC', async () => {
    await call('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.2, price: null });
    await control('POST', '/market/BTC', { shiftPercent: -10 });
    const tripped = (await call('GET', '/portfolio')).body.data.breakers.dailyLoss;
    expect(tripped).toMatchObject({ tripped: true, resetsAt: '2026-01-06T00:00:00.000Z' });
    restart();
    await control('DELETE', '/market/BTC'); // the loss is gone…
    expect((await call('GET', '/portfolio')).body.data.breakers.dailyLoss).toMatchObject({ tripped: true, trippedAt: tripped.trippedAt }); // …the latch is not
    expect((await call('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: null })).body.code).toBe('daily_loss_limit_reached');
    await control('POST', '/clock', { set: '2026-01-06T00:00:00.000Z' });
    restart();
    expect((await call('GET', '/portfolio')).body.data.breakers.dailyLoss.tripped).toBe(false);
  });

  it('a retry with the same clientOrderId gets the original order; another body with it is a conflict', async () => {
    const order = { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.5, price: 2_000, clientOrderId: 'keep-1' };
    const first = await call('POST', '/orders', order);
    expect(first.status).toBe(201);
    restart();
    const retry = await call('POST', '/orders', order);
    expect([retry.status, retry.headers['idempotent-replayed'], retry.body.order.orderId]).toEqual([200, 'true', first.body.order.orderId]);
    expect((await call('POST', '/orders', { ...order, quantity: 0.6 })).body.code).toBe('idempotency_conflict');
  });

  it('failed authentications count on after a restart (the file holds their limiter, and the restart reads it back)', async () => {
    const bad = { 'x-nx-key': 'nx_live_unknownunknownunknownunknown00' };
    expect((await mock.api('GET', '/portfolio', bad, '')).status).toBe(401);
    const before = { perKey: mock.mock.ctx.failedAuthLimiters.perKey.entries(), perAddress: mock.mock.ctx.failedAuthLimiters.perAddress.entries() };
    expect(before.perKey.length + before.perAddress.length).toBeGreaterThan(0);
    restart();
    expect({ perKey: mock.mock.ctx.failedAuthLimiters.perKey.entries(), perAddress: mock.mock.ctx.failedAuthLimiters.perAddress.entries() }).toEqual(before);
  });

  it('a webhook message that failed is retried after the restart, on schedule, with the same id and body', async () => {
    const seen: Array<{ id: string; body: string }> = [];
    let refuse = true;
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ id: String(req.headers['webhook-id']), body });
        res.writeHead(refuse ? 500 : 204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      expect((await call('POST', '/webhooks', { url, events: ['order.created'] })).status).toBe(201);
      await call('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01, price: 50_000 });
      await control('POST', '/webhooks/flush');
      expect(seen).toHaveLength(1);
      const before = (await control('GET', '/webhooks')).data[0].messages[0];
      expect(before).toMatchObject({ state: 'pending', attempts: [{ number: 1, status: 500 }], nextAttemptAt: '2026-01-05T12:00:05.000Z' });
      restart();
      const after = (await control('GET', '/webhooks')).data[0].messages[0];
      expect(after).toEqual(before);
      refuse = false;
      await control('POST', '/clock', { advanceMs: 4_999 });
      await control('POST', '/webhooks/flush');
      expect(seen).toHaveLength(1); // not due yet
      await control('POST', '/clock', { advanceMs: 1 });
      await control('POST', '/webhooks/flush');
      expect(seen).toHaveLength(2);
      expect(seen[1]).toEqual(seen[0]);
      expect((await control('GET', '/webhooks')).data[0].messages[0]).toMatchObject({ state: 'delivered', attempts: [{ number: 1 }, { number: 2, status: 204 }] });
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});

describe('write-ahead', () => {
  it('an order whose commit fails is answered 503 (not acknowledged); its clientOrderId retry is written and answered once the disk works', async () => {
    const persistence = mock.mock.ctx.persistence!;
    const write = persistence.store.write;
    persistence.store.write = () => {
      throw new Error('disk full (test)');
    };
    const order = { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01, price: 50_000, clientOrderId: 'wal-1' };
    const refused = await call('POST', '/orders', order);
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toMatchObject({ code: 'service_unavailable', status: 503, requestId: refused.headers['x-request-id'] });
    expect(refused.body.detail).toMatch(/not acknowledged.*same clientOrderId/);
    persistence.store.write = write;
    const retry = await call('POST', '/orders', order);
    expect(retry.status).toBe(200);
    restart();
    expect((await call('GET', `/orders/${retry.body.order.orderId}`)).body.order.clientOrderId).toBe('wal-1');
  });

  it('a request that changes nothing durable is not held up by a write; its counters ride along with the next commit or follow shortly', async () => {
    // Only setTimeout is faked: the deferred write fires when the test says so, not when the machine is slow.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const persistence = mock.mock.ctx.persistence!;
      const batches: StateBatch[] = [];
      const write = persistence.store.write;
      persistence.store.write = (batch) => {
        batches.push(batch);
        write(batch);
      };
      expect((await call('GET', '/portfolio')).status).toBe(200);
      expect(batches).toHaveLength(0);
      expect((await call('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null })).status).toBe(201);
      expect(batches).toHaveLength(1); // the order, with the counters the portfolio read moved
      expect(batches[0]?.meta?.map(([key]) => key)).toContain('counters');
      expect((await call('GET', '/portfolio')).status).toBe(200);
      expect(batches).toHaveLength(1);
      vi.advanceTimersByTime(100);
      expect(batches).toHaveLength(2);
      expect(batches[1]?.put?.map(([kind]) => kind)).toEqual(['limit']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('orders in pages', () => {
  it('a clean stop packs many orders into pages; later changes to paged orders win over the page after a restart', () => {
    const engine = () => mock.mock.ctx.engine;
    const agentId = engine().agentByKey(agent.apiKey)!.agentId;
    for (let n = 0; n < 2_500; n++) engine().placeOrder(agentId, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.001, price: 100 + (n % 50), clientOrderId: `p-${n}` });
    const before = engine().exportData();
    restart(); // 2 500 orders written one by one: the stop rewrites them in pages of 1 000
    const docs = mock.mock.ctx.persistence!.store.load(['orders', 'order']).docs;
    expect([docs.get('orders')?.map(([id]) => Number(id)), docs.get('order')]).toEqual([[1, 1001, 2001], undefined]);
    const batches: StateBatch[] = [];
    const write = mock.mock.ctx.persistence!.store.write;
    expect(engine().exportData()).toEqual(before);
    const paged = before.orders.slice(5, 8).map((o) => o.orderId);
    for (const orderId of paged) engine().cancelOrder(agentId, orderId);
    mock.mock.ctx.persistence!.store.write = (batch) => (batches.push(batch), write(batch));
    const changed = engine().exportData();
    restart(); // three singles over their page: not worth a rewrite
    expect(batches.map((b) => b.replace ?? false)).toEqual([false]); // the cancels, as single documents
    expect(engine().exportData()).toEqual(changed);
    expect(paged.map((id) => engine().getOrder(agentId, id).status)).toEqual(['canceled', 'canceled', 'canceled']);
  });
});
