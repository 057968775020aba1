// The README's "In your own tests" examples, as a consumer runs them against the installed package.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from 'nx-conformance';
import { interceptApi, startTestMock, type TestMock } from 'nx-conformance/testing';
import { buyBitcoin, describeAgent, signedHeaders } from '../src/market-buyer.js';

describe('startTestMock() (real clock)', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await startTestMock();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  it('buys bitcoin with the typed client of the ready live agent', async () => {
    const order = await mock.liveAgent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    expect(order.json?.order.status).toBe('filled');
  });

  it('serves the consumer’s own client code, signing with Date.now(), at mock.baseUrl', async () => {
    expect(describeAgent(mock.agent)).toMatch(/^sandbox agent nx_test_/);
    expect(await buyBitcoin(mock.baseUrl, mock.agent, 0.002)).toBe('filled');
    const me = await fetch(`${mock.baseUrl}/me`, { headers: signedHeaders(mock.liveAgent, 'GET', '/me', '') });
    expect(me.status).toBe(200);
  });
});

describe('startTestMock({ clock: virtual })', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await startTestMock({ clock: 'virtual:2026-01-05T12:00:00Z' });
  });
  afterAll(() => mock.close());

  it('signs with the mock’s time after moving it', async () => {
    await mock.control.advance(60_000);
    const timestamp = String(mock.now());
    const signature = signRequest({ secret: mock.liveAgent.apiSecret, timestamp, method: 'GET', path: '/me', body: '' });
    const me = await fetch(`${mock.baseUrl}/me`, { headers: { 'X-NX-Key': mock.liveAgent.apiKey, 'X-NX-Timestamp': timestamp, 'X-NX-Signature': signature } });
    expect(me.status).toBe(200);
  });
});

it('interceptApi() serves a client hard-wired to the real origin (nock from this project)', async () => {
  const intercepted = await interceptApi();
  try {
    const sandbox = intercepted.mock.ctx.demoAgents.find((d) => d.mode === 'sandbox');
    const res = await fetch('https://api.next.exchange/v1/agent/market?coins=bitcoin', { headers: { 'X-NX-Key': sandbox?.apiKey ?? '' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { symbol: string }[] }).data[0]?.symbol).toBe('BTC');
  } finally {
    await intercepted.restore();
  }
});
