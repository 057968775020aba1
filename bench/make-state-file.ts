// Child process: writes a state file with N agents and M orders for the start-up measurement
// (`tsx bench/make-state-file.ts FILE AGENTS ORDERS`). Half the orders are market buys that
// filled, half are limit buys resting far below the market (they reserve cash and sit in the
// resting index, which a restart must rebuild). Prints `READY {…}` with what it wrote.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMockApp } from '../src/mock/http/create-mock-app.js';

const [file, agentsArg, ordersArg] = process.argv.slice(2);
if (!file || !agentsArg || !ordersArg) throw new Error('usage: make-state-file.ts FILE AGENTS ORDERS');
const agents = Number(agentsArg);
const orders = Number(ordersArg);
const started = performance.now();
const { ctx } = createMockApp({ clock: 'virtual:2026-01-05T12:00:00Z', stateFile: file, deterministicKeys: true, startingCash: 1_000_000 });
const ids: string[] = [];
for (let i = 0; i < agents; i++) {
  ids.push(ctx.engine.registerAgent({ name: `bench ${i}`, mode: 'live', permissions: ['read:market', 'write:orders'], dailyLossLimit: 1e9, maxPositionSize: 1e9 }).agent.agentId);
}
for (let n = 0; n < orders; n++) {
  const agentId = ids[n % ids.length] as string;
  if (n % 2 === 0) ctx.engine.placeOrder(agentId, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.0001 });
  else ctx.engine.placeOrder(agentId, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.01, price: 100 + (n % 500) });
}
ctx.persistence?.close();
ctx.webhookDelivery.stop();
const stats = ctx.engine.stats();
process.stdout.write(`READY ${JSON.stringify({ ...stats, bytes: statSync(file).size, buildMs: performance.now() - started })}\n`);
