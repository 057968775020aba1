// The same first steps as agent.ts, written with this package's typed client instead of raw
// fetch: `createAgentClient` signs per SIGNING.md and types every response from the spec.
// Run it against the mock: NX_BASE_URL=http://127.0.0.1:4010/v1/agent npx tsx examples/typescript/typed-client.ts
// (inside another project, import from 'nx-conformance' instead of '../../src/index.js').
import { createAgentClient } from '../../src/index.js';

const baseUrl = process.env.NX_BASE_URL ?? 'http://127.0.0.1:4010/v1/agent';
const mode = process.env.NX_MODE === 'live' ? 'live' : 'sandbox';

async function main(): Promise<number> {
  let apiKey = process.env.NX_API_KEY;
  let apiSecret = process.env.NX_API_SECRET ?? '';
  if (!apiKey) {
    const registered = await createAgentClient({ baseUrl }).register({ name: 'Typed client example', permissions: ['read:market', 'read:portfolio', 'write:orders'], mode });
    if (registered.status !== 201 || !registered.json) throw new Error(`register answered ${registered.status}: ${registered.text}`);
    ({ apiKey, apiSecret } = registered.json.agent);
  }
  const client = createAgentClient({ baseUrl, credentials: { apiKey, apiSecret } });

  const market = await client.market('bitcoin');
  const btc = market.json?.data[0];
  if (!btc) throw new Error(`GET /market answered ${market.status}: ${market.text}`);
  console.log(`BTC: $${btc.price.toFixed(2)} (${btc.change24h >= 0 ? '+' : ''}${btc.change24h.toFixed(2)}%)`);

  const order = await client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null, clientOrderId: `typed-${Date.now()}` });
  if (!order.json || order.status >= 300) throw new Error(`POST /orders answered ${order.status}: ${order.text}`);
  console.log(`Order ${order.json.order.orderId}: ${order.json.order.status}`);

  const portfolio = await client.portfolio();
  console.log(`Portfolio: $${portfolio.json?.data.totalValue.toFixed(2)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
