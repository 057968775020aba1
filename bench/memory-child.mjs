// Child process of `npm run bench` (bench/memory.ts starts it as
// `node --expose-gc bench/memory-child.mjs ORDERS AGENTS [JOURNAL]`): resident memory of one mock
// with AGENTS registered agents and ORDERS orders (half resting limit buys, half filled market
// buys), measured after a full GC; then the request journal's cap under more requests than it
// holds, with bodies bigger than what an entry keeps. Prints `RESULT {json}` (see MemoryResult).
// Plain JavaScript over the compiled dist/, so no TypeScript loader inflates what is measured.
import { startMock } from '../dist/src/mock/http/start-mock.js';

const gc = globalThis.gc;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage();
};
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

const orders = Number(process.argv[2] ?? 100_000);
const agentCount = Number(process.argv[3] ?? 10_000);
const journalSize = Number(process.argv[4] ?? 1_000);

const mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', rateLimit: 10_000_000, startingCash: 1e9, journalSize });
const { engine } = mock.ctx;
const baseline = await settle();

const ids = [];
for (let i = 0; i < agentCount; i++) {
  ids.push(engine.registerAgent({ name: `agent ${i}`, mode: i % 2 === 0 ? 'sandbox' : 'live', permissions: ['read:market', 'read:portfolio', 'write:orders'], dailyLossLimit: 1e9, maxPositionSize: 1e9 }).agent.agentId);
}
const withAgents = await settle();

for (let i = 0; i < orders; i++) {
  const agentId = ids[i % ids.length];
  if (i % 2 === 0) engine.placeOrder(agentId, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.00001, price: 1000 + (i % 5000) });
  else engine.placeOrder(agentId, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.0001 });
}
if (engine.stats().orders < orders) throw new Error(`placed ${engine.stats().orders} orders, wanted ${orders}`);
const withOrders = await settle();

// The journal: more requests than it holds, each with a 20 kB body (an entry keeps 4096 chars).
const capacity = mock.ctx.journal.capacity;
const sent = Math.round(capacity * 1.5);
const key = mock.ctx.demoAgents.find((d) => d.mode === 'sandbox')?.apiKey ?? '';
const pad = JSON.stringify({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.00001, pad: 'x'.repeat(20_000) });
const beforeJournal = await settle();
for (let i = 0; i < sent; i += 25) {
  await Promise.all(
    Array.from({ length: Math.min(25, sent - i) }, async () => {
      const res = await fetch(`${mock.baseUrl}/orders`, { method: 'POST', headers: { 'x-nx-key': key, 'content-type': 'application/json' }, body: pad });
      await res.arrayBuffer();
    }),
  );
}
const afterJournal = await settle();
const size = mock.ctx.journal.size;
await mock.close(1_000);

const result = {
  orders,
  agents: agentCount,
  rssBaselineMb: mb(baseline.rss),
  rssAgentsMb: mb(withAgents.rss),
  rssOrdersMb: mb(withOrders.rss),
  heapOrdersMb: mb(withOrders.heapUsed),
  journal: { capacity, sent, size, capHolds: size === capacity, heapGrowthMb: mb(afterJournal.heapUsed - beforeJournal.heapUsed) },
  gcExposed: gc !== undefined,
};
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
