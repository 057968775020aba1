// Agent pages (src/mock/state/persist/agent-page.ts) give back every agent exactly: each field of
// the record and the ledger, so a field added to either without a column fails here first.
import { describe, expect, it } from 'vitest';
import { decodeAgentPage, encodeAgentPage } from '../../src/mock/state/persist/agent-page.js';
import { appTarget } from './support/targets.js';

describe('agent pages', () => {
  it('round-trip registered agents with positions, open orders and a tripped breaker, key for key', () => {
    const { mock } = appTarget();
    const engine = mock.ctx.engine;
    const live = engine.registerAgent({ name: 'Pager', mode: 'live', permissions: ['read:portfolio', 'write:orders'], dailyLossLimit: 1 }).agent.agentId;
    engine.registerAgent({ name: 'Quiet', mode: 'sandbox', permissions: ['read:market'] });
    engine.placeOrder(live, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01 });
    engine.placeOrder(live, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.1, price: 1_000 });
    mock.ctx.market.shift('BTC', -50, mock.ctx.clock.now());
    engine.settle();
    const agents = engine.exportData().agents;
    expect(agents.find((a) => a.agent.agentId === live)?.ledger.dailyLoss.tripped).toBe(true);
    const back: Array<[number, (typeof agents)[number]]> = [];
    decodeAgentPage(encodeAgentPage(agents.map((a, i) => [i + 7, a])), back);
    expect(back.map(([n]) => n)).toEqual(agents.map((_, i) => i + 7));
    expect(back.map(([, a]) => JSON.stringify(a))).toEqual(agents.map((a) => JSON.stringify(a))); // same keys, same order, same values
    mock.ctx.webhookDelivery.stop();
  });
});
