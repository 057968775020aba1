import type { Check } from '../../check.js';
import { expectSuccess, pass } from '../expect.js';
import { agentFor } from './support/pick-agent.js';

export const marketConforms: Check = {
  id: 'schema.market',
  title: 'GET /market answers as documented, for all coins and for a filter (in the order asked), each price inside its 24 h range',
  category: 'schema',
  spec: 'GET /market?coins=… → {data: [{id, symbol, name, price, change24h, volume24h, high24h, low24h, marketCap, updatedAt}]}',
  requirements: ['market.coins', 'market.ticker.range', 'spec.response.documented'],
  modes: ['sandbox', 'live'],
  needs: { register: true, usesGivenAgent: true, budget: 4 },
  async run(ctx) {
    // A pooled agent that holds read:market (see support/pick-agent.ts); with --key, the given one.
    const agent = await agentFor(ctx, ['read:market'], 4, ['read:sentiment', 'read:social']);
    const all = await agent.client.market();
    expectSuccess(ctx, all, 'GET /market');
    const first = all.json?.data[0];
    if (!first) return ctx.fail('GET /market returned no coins', 'at least one coin', all.text.slice(0, 200));
    const one = await agent.client.market(first.id);
    expectSuccess(ctx, one, `GET /market?coins=${first.id}`);
    if (one.json?.data.length !== 1 || one.json.data[0]?.id !== first.id) {
      ctx.fail('the coins filter is not applied', `exactly [${first.id}]`, JSON.stringify(one.json?.data.map((d) => d.id)));
    }
    // "high24h and low24h bound the price over that window, the current price included."
    const outside = (all.json?.data ?? []).filter((t) => !(t.low24h <= t.price && t.price <= t.high24h));
    if (outside.length > 0) {
      ctx.fail(
        `${outside.length} coin${outside.length === 1 ? "'s" : "s'"} price lies outside its 24 h range: ${outside.map((t) => `${t.symbol} ${t.price} not in [${t.low24h}, ${t.high24h}]`).join('; ')}`,
        'low24h ≤ price ≤ high24h for every coin',
        outside.map((t) => JSON.stringify({ symbol: t.symbol, price: t.price, low24h: t.low24h, high24h: t.high24h })).join('\n'),
      );
    }
    const second = all.json?.data[1];
    if (second) {
      // "in the order requested": ask for two coins the other way round from the full list.
      const both = await agent.client.market(`${second.id},${first.id}`);
      expectSuccess(ctx, both, `GET /market?coins=${second.id},${first.id}`);
      const ids = both.json?.data.map((d) => d.id);
      if (JSON.stringify(ids) !== JSON.stringify([second.id, first.id])) {
        ctx.fail('GET /market does not give the coins in the order requested', JSON.stringify([second.id, first.id]), JSON.stringify(ids));
      }
    }
    return pass(`${all.json?.data.length} coins, each price inside its 24 h range; the filter returns exactly the coins asked for, in that order`);
  },
};
