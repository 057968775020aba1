// Child process: the compiled mock exchange (dist/, as `npm start` runs it, so profiles name the
// compiled files) on a real clock with a limiter that never refuses, plus the agents the HTTP
// scenarios use. Prints `READY {url, baseUrl, agents}` (MockServerInfo in mock-server-info.ts);
// SIGTERM closes it and exits 0. With an IPC channel it also profiles on request (--profile).
// `--state FILE` runs it on a state file (bench/state.ts).
import { startMock } from '../dist/src/mock/http/start-mock.js';
import { serveProfilerRequests } from './profiler-ipc.mjs';

const stateAt = process.argv.indexOf('--state');
const mock = await startMock({
  port: 0,
  ...(stateAt > 0 ? { stateFile: process.argv[stateAt + 1] } : {}),
  clock: 'real',
  rateLimit: 10_000_000,
  startingCash: 10_000_000_000,
  log: (line) => process.stderr.write(`[mock] ${line}\n`),
});
const engine = mock.ctx.engine;
const register = (name, mode, permissions) => {
  const { agent, apiSecret } = engine.registerAgent({ name, mode, permissions, dailyLossLimit: 1e9, maxPositionSize: 1e9 });
  return { agentId: agent.agentId, apiKey: agent.apiKey, apiSecret };
};
const agents = {
  reader: register('bench reader', 'sandbox', ['read:market']),
  portfolio: register('bench portfolio', 'live', ['read:portfolio', 'write:orders']),
  trader: register('bench trader', 'live', ['write:orders', 'read:portfolio']),
};
// A portfolio with a few positions and a resting order, so GET /portfolio marks something.
for (const symbol of ['BTC', 'ETH', 'SOL']) engine.placeOrder(agents.portfolio.agentId, { symbol, side: 'buy', type: 'market', quantity: 0.01 });
engine.placeOrder(agents.portfolio.agentId, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01, price: 1000 });

serveProfilerRequests();
process.stdout.write(`READY ${JSON.stringify({ url: mock.url, baseUrl: mock.baseUrl, agents })}\n`);
process.once('SIGTERM', () => {
  void mock.close(2_000).then(() => process.exit(0));
});
