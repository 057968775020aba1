// The README's "In your own tests" example, as a consumer runs it against the installed package.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { interceptApi, startTestMock, type TestMock } from 'nx-conformance/testing';
import { buyBitcoin, describeAgent } from '../src/market-buyer.js';

let mock: TestMock;
beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

it('buys bitcoin with the typed client of the ready live agent', async () => {
  const order = await mock.liveAgent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
  expect(order.json?.order.status).toBe('filled');
  const before = await mock.control.now();
  await mock.control.advance(60_000);
  expect(await mock.control.now()).toBe(before + 60_000);
});

it('serves the consumer’s own client code at mock.baseUrl', async () => {
  expect(describeAgent(mock.agent)).toMatch(/^sandbox agent nx_test_/);
  expect(await buyBitcoin(mock.baseUrl, mock.agent, 0.002)).toBe('filled');
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
