import type { Check } from '../../check.js';
import { expectSuccess, pass } from '../expect.js';
import { agentFor } from './support/pick-agent.js';

export const marketConforms: Check = {
  id: 'schema.market',
  title: 'GET /market answers as documented, for all coins and for a filter',
  category: 'schema',
  spec: 'GET /market?coins=… → {data: [{id, symbol, name, price, change24h, volume24h, high24h, low24h, marketCap, updatedAt}]}',
  modes: ['sandbox', 'live'],
  needs: { register: true, usesGivenAgent: true, budget: 3 },
  async run(ctx) {
    // A pooled agent that holds read:market (see support/pick-agent.ts); with --key, the given one.
    const agent = await agentFor(ctx, ['read:market'], 3, ['read:sentiment', 'read:social']);
    const all = await agent.client.market();
    expectSuccess(ctx, all, 'GET /market');
    const first = all.json?.data[0];
    if (!first) return ctx.fail('GET /market returned no coins', 'at least one coin', all.text.slice(0, 200));
    const one = await agent.client.market(first.id);
    expectSuccess(ctx, one, `GET /market?coins=${first.id}`);
    if (one.json?.data.length !== 1 || one.json.data[0]?.id !== first.id) {
      ctx.fail('the coins filter is not applied', `exactly [${first.id}]`, JSON.stringify(one.json?.data.map((d) => d.id)));
    }
    return pass(`${all.json?.data.length} coins; the filter returns exactly the coin asked for`);
  },
};
