// GET /__nx/events on a listening mock: what a dashboard receives, and that streams neither hold
// up shutdown nor get cut by the slow-client guards.
import { afterEach, describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock/http/start-mock.js';
import { startTestMock, type TestMock } from '../../src/testing/index.js';
import { openSse, type SseConnection } from './sse-client.js';

let mock: TestMock | undefined;
const streams: SseConnection[] = [];

// A virtual clock (the default is the real one), so what the stream says of it is known exactly.
async function start(options: Parameters<typeof startTestMock>[0] = {}): Promise<TestMock> {
  mock = await startTestMock({ clock: 'virtual:2026-01-05T12:00:00Z', ...options });
  return mock;
}

async function stream(m: TestMock): Promise<SseConnection> {
  const s = await openSse(`${m.url}/__nx/events`);
  streams.push(s);
  return s;
}

afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await mock?.close();
  mock = undefined;
});

describe('GET /__nx/events', () => {
  it('says hello with the clock and journal position, then announces requests, engine events and control calls', async () => {
    const m = await start();
    await m.agent.client.me();
    const s = await stream(m);
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await s.next('hello')).toMatchObject({ clock: { kind: 'virtual', now: '2026-01-05T12:00:00.000Z' }, journalSeq: 1 });

    const placed = await m.agent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    const orderId = placed.json?.order.orderId;
    expect(await s.next('request', (r) => r.operationId === 'placeOrder')).toMatchObject({ seq: 2, method: 'POST', status: 201, agentId: m.agent.agentId });
    expect(await s.next('engine', (e) => e.type === 'order.filled')).toMatchObject({ agentId: m.agent.agentId, orderId, symbol: 'BTC', status: 'filled' });
    await m.control.advance(60_000);
    expect(await s.next('control')).toEqual({ operationId: 'moveClock' });
  });

  it('carries no secret and no full API key, not even of an agent registering meanwhile', async () => {
    const m = await start();
    const s = await stream(m);
    await s.next('hello');
    const registered = await m.agent.client.register({ name: 'Streamed', permissions: ['read:market', 'write:orders'], mode: 'live' });
    const agent = registered.json?.agent;
    if (!agent) throw new Error(`register failed: ${registered.status}`);
    await m.agent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    await s.next('engine', (e) => e.type === 'order.filled');
    const text = JSON.stringify(s.events);
    expect(text).toContain('registerAgent');
    for (const secret of [agent.apiSecret, agent.apiKey, m.agent.apiKey, m.agent.apiSecret]) expect(text).not.toContain(secret);
  });

  it('follows the new engine after a reset', async () => {
    const m = await start();
    const s = await stream(m);
    await m.control.reset();
    await s.next('control', (c) => c.operationId === 'resetState');
    await m.agent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    expect(await s.next('engine', (e) => e.type === 'order.created' || e.type === 'order.filled')).toMatchObject({ agentId: m.agent.agentId });
  });

  it('ends open streams when the mock closes, instead of holding the shutdown for its grace period', async () => {
    const m = await start();
    const s = await stream(m);
    await s.next('hello');
    // A 10-minute grace: if the stream were left open, close() would outlast the test's time-out.
    await m.mock.close(600_000);
    mock = undefined;
    await s.ended;
  });

  it('outlives the request and header time-outs (they guard the request, not a long answer)', async () => {
    const running = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', requestTimeoutMs: 100, headersTimeoutMs: 100 });
    try {
      const s = await openSse(`${running.url}/__nx/events`);
      streams.push(s);
      await s.next('hello');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const demo = running.ctx.demoAgents.find((d) => d.mode === 'sandbox');
      await fetch(`${running.baseUrl}/me`, { headers: { 'x-nx-key': demo?.apiKey ?? '' } });
      expect(await s.next('request')).toMatchObject({ operationId: 'getMe', status: 200 });
    } finally {
      for (const s of streams.splice(0)) s.close();
      await running.close();
    }
  });

  it('refuses a stream beyond the limit with a 503 problem that says what to do', async () => {
    const m = await start();
    for (let i = 0; i < 32; i++) await (await stream(m)).next('hello');
    const res = await fetch(`${m.url}/__nx/events`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { detail: string }).detail).toMatch(/Close a dashboard tab/);
  });
});
