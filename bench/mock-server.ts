// Child process: the mock exchange on a real clock with a limiter that never refuses, plus the
// agents the HTTP scenarios use. Prints `READY {url, agents}`; SIGTERM closes it and exits 0
// (so a --cpu-prof profile gets written). `--state FILE` runs it on a state file (bench/state.ts).
import { startMock } from '../src/mock/http/start-mock.js';

export interface BenchAgent {
  agentId: string;
  apiKey: string;
  apiSecret: string;
}

export interface MockServerInfo {
  url: string;
  baseUrl: string;
  agents: { reader: BenchAgent; portfolio: BenchAgent; trader: BenchAgent };
}

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
const register = (name: string, mode: 'sandbox' | 'live', permissions: Array<'read:market' | 'read:portfolio' | 'write:orders'>): BenchAgent => {
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

const info: MockServerInfo = { url: mock.url, baseUrl: mock.baseUrl, agents };
process.stdout.write(`READY ${JSON.stringify(info)}\n`);
process.once('SIGTERM', () => {
  void mock.close(2_000).then(() => process.exit(0));
});
