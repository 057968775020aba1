// Far virtual-clock moves: a `set` beyond a year is refused (it used to freeze the mock, settling
// one UTC day at a time up to year 9999), and settling a century with 1 000 resting orders does
// work in proportion to the fills, not to the 36 500 days: counted, not timed.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../src/mock/http/create-mock-app.js';
import { createModelMarket } from '../../src/mock/engine/market/index.js';
import { roundToStep } from '../../src/mock/engine/market/grid.js';
import type { MarketSource } from '../../src/mock/engine/types.js';
import { T0 } from './support/mock.js';

/** The model market, counting the calls settling makes: range() scans, quietUntil() skips. */
function countingMarket(seed: number) {
  const base = createModelMarket({ seed });
  const calls = { range: 0, quietUntil: 0 };
  const market: MarketSource = {
    ...base,
    range: (s, a, b) => (calls.range++, base.range(s, a, b)),
    quietUntil: (s, a, b, lo, hi) => (calls.quietUntil++, base.quietUntil!(s, a, b, lo, hi)),
  };
  return { market, calls };
}

const SYMBOLS = ['BTC', 'ETH', 'SOL', 'DOGE', 'LINK'];

/**
 * 1 000 resting limit orders, 200 per coin: 10 within reach (5 % to 25 % either side of the
 * price, the fills a century brings) and 190 no century reaches (a few ticks, or 1 000 times
 * the price): the orders an attacker leaves behind before moving the clock to year 9999.
 */
function restThousand(ctx: ReturnType<typeof createMockApp>['ctx']) {
  const { agent } = ctx.engine.registerAgent({ name: 'patient', mode: 'sandbox', permissions: ['write:orders'] });
  const ids: string[] = [];
  for (const symbol of SYMBOLS) {
    const coin = ctx.market.coin(symbol)!;
    const mid = ctx.market.price(symbol, ctx.clock.now());
    const place = (side: 'buy' | 'sell', price: number) =>
      ids.push(ctx.engine.placeOrder(agent.agentId, { symbol, side, type: 'limit', quantity: coin.minQuantity, price: roundToStep(price, coin.tickSize) }).order.orderId);
    for (let k = 1; k <= 5; k++) {
      place('buy', mid * (1 - k / 20));
      place('sell', mid * (1 + k / 20));
    }
    for (let k = 1; k <= 95; k++) {
      place('buy', coin.tickSize * k);
      place('sell', Math.ceil(mid) * (1_000 + k)); // whole dollars stay on every tick grid
    }
  }
  return { agentId: agent.agentId, ids };
}

describe('far virtual-clock moves', () => {
  it("refuse a 'set' more than 365 days away with a problem that says how to get there", async () => {
    const { app, ctx } = createMockApp({ clock: `virtual:${T0}`, allowShort: true, startingCash: 1e12 });
    restThousand(ctx);
    for (const set of ['9999-12-31T23:59:59.999Z', '2027-01-06T12:00:00.000Z', '1970-01-01T00:00:00.000Z']) {
      const res = await request(app).post('/__nx/clock').send({ set });
      expect(res.status, set).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/set', code: 'out_of_range' })]);
      expect(res.body.detail).toMatch(/at most 365 days.*steps/);
    }
    expect((await request(app).get('/__nx/clock')).body.now).toBe(T0);
    const yearOn = await request(app).post('/__nx/clock').send({ set: '2027-01-05T12:00:00.000Z' });
    expect(yearOn.status).toBe(200);
  });

  it('settle a century of 1 000 resting orders in steps that follow the fills, not the days', async () => {
    const { market, calls } = countingMarket(42);
    const { app, ctx } = createMockApp({ clock: `virtual:${T0}`, market, allowShort: true, startingCash: 1e12 });
    const { agentId, ids } = restThousand(ctx);
    const fills: number[] = [];
    ctx.engine.onEvent((e) => void (e.type === 'order.filled' && fills.push(e.at)));
    calls.range = 0;
    calls.quietUntil = 0;
    for (let year = 0; year < 100; year++) {
      const res = await request(app).post('/__nx/clock').send({ advanceMs: 365 * 86_400_000 });
      expect(res.status).toBe(200);
    }
    const fillDays = new Set(fills.map((t) => Math.floor(t / 86_400_000))).size;
    const open = ids.filter((id) => ctx.engine.getOrder(agentId, id).status === 'open');
    expect(fills.length).toBeGreaterThanOrEqual(40); // most of the 50 within reach filled…
    expect(open.length).toBeGreaterThanOrEqual(950); // …the 950 out of reach still rest
    // Day by day this took 36 500 range() scans per coin with orders. Now: a quietUntil() per coin
    // per step and a range() per day that holds a fill, plus a few per clock move.
    const bound = (fillDays + 3 * 100) * SYMBOLS.length * 3;
    expect(calls.range + calls.quietUntil, `${fillDays} fill days, ${calls.range} range(), ${calls.quietUntil} quietUntil()`).toBeLessThan(bound);
    expect(bound).toBeLessThan((36_500 * SYMBOLS.length) / 4);
  });
});
