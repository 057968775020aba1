import { describe, expect, it } from 'vitest';
import { unlatchedDailyLoss } from '../../../src/mock/defects/unlatched-daily-loss.js';
import { defaultParts } from '../../../src/mock/http/mock-parts.js';
import { T0 } from '../helpers/fake-clock.js';
import { expectEngineError, makeHarness } from '../helpers/make-engine.js';

const MIDNIGHT = Date.UTC(2026, 0, 6);

// Buying 1 BTC @ 50 005 (+50.005 fee) and marking at the 50 000 mid costs 55.005 of equity.
const setup = (opts = {}, limit = 1_000) => {
  const h = makeHarness(opts);
  const id = h.agent({ dailyLossLimit: limit });
  h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 });
  return { ...h, id };
};

describe('daily-loss breaker', () => {
  it('reports the loss so far without tripping below the limit', () => {
    const { engine, id } = setup();
    expect(engine.breakers(id).dailyLoss).toEqual({ limit: 1_000, current: 55.005, tripped: false, trippedAt: null, resetsAt: null });
    expect(engine.portfolio(id).dayPnl).toBe(-55.005);
  });

  it('trips at the limit, rejects risk-adding open orders and keeps reducing ones', () => {
    const { engine, clock, market, events, id } = setup();
    const buy = engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 1, price: 2_000 }).order;
    const sell = engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.5, price: 60_000 }).order;
    clock.advance(60_000);
    market.set('BTC', 49_000);
    events.length = 0;
    const p = engine.portfolio(id);
    const at = T0 + 60_000;
    expect(p.breakers.dailyLoss).toEqual({ limit: 1_000, current: 1_055.005, tripped: true, trippedAt: at, resetsAt: MIDNIGHT });
    expect(events.map((e) => e.type)).toEqual(['circuit_breaker.tripped', 'order.rejected']);
    expect(events[0]?.breaker?.dailyLoss.tripped).toBe(true);
    expect(engine.getOrder(id, buy.orderId)).toMatchObject({ status: 'rejected', rejectReason: 'circuit_breaker', updatedAt: at });
    expect(engine.getOrder(id, sell.orderId).status).toBe('open');
    expect(p.reservedCash).toBe(0);
    expect(engine.stats().restingOrders).toBe(1);
  });

  it('blocks new risk with daily_loss_limit_reached (403, resetsAt) but lets reducing orders through', () => {
    const { engine, clock, market, id } = setup();
    clock.advance(1000);
    market.set('BTC', 48_000);
    const e = expectEngineError(() => engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.01 }), 'daily_loss_limit_reached');
    expect(e.status).toBe(403);
    expect(e.details).toMatchObject({ resetsAt: MIDNIGHT });
    expect(e.message).toContain('2026-01-06T00:00:00.000Z');
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01, price: 40_000 }), 'daily_loss_limit_reached');
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.6, price: 60_000 }).order.status).toBe('open');
    // 0.6 already committed: another 0.5 would exceed the 1 BTC long, so it is not "reducing only".
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.5 }), 'daily_loss_limit_reached');
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.4 }).order.status).toBe('filled');
  });

  it('latches through a recovery and resets at the next 00:00 UTC', () => {
    const { engine, clock, market, events, id } = setup();
    clock.advance(1000);
    market.set('BTC', 48_000);
    engine.settle();
    clock.advance(1000);
    market.set('BTC', 52_000);
    expect(engine.breakers(id).dailyLoss).toMatchObject({ tripped: true, current: 0 });
    expectEngineError(() => engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.01 }), 'daily_loss_limit_reached');
    events.length = 0;
    clock.set(MIDNIGHT + 5_000);
    const p = engine.portfolio(id);
    expect(p.breakers.dailyLoss).toEqual({ limit: 1_000, current: 0, tripped: false, trippedAt: null, resetsAt: null });
    expect(events.map((e) => [e.type, e.at])).toEqual([['circuit_breaker.reset', MIDNIGHT]]);
    expect(p.dayStartEquity).toBe(p.totalValue);
    expect(engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.01 }).order.status).toBe('filled');
  });

  it('measures the day from equity marked at midnight, after settling fills up to midnight', () => {
    const h = makeHarness();
    const id = h.agent({ dailyLossLimit: 10_000 });
    h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    h.market.set('BTC', 48_500, MIDNIGHT - 3_600_000); // crosses before midnight
    h.market.set('BTC', 47_000, MIDNIGHT);
    h.market.set('BTC', 46_000, MIDNIGHT + 60_000);
    h.clock.set(MIDNIGHT + 120_000);
    const p = h.engine.portfolio(id);
    const order = h.engine.listOrders(id).items[0];
    expect(order).toMatchObject({ status: 'filled' });
    expect(order?.fills[0]?.timestamp).toBe(MIDNIGHT);
    expect(p.dayStartEquity).toBe(100_000 - 49_049 + 47_000);
    expect(p.dayPnl).toBe(-1_000);
  });

  it('does not trip without a limit, and skips straight over idle days', () => {
    const h = makeHarness();
    const id = h.agent();
    h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 });
    h.clock.advance(1000);
    h.market.set('BTC', 10_000);
    expect(h.engine.breakers(id).dailyLoss).toMatchObject({ limit: null, tripped: false, current: 40_055.005 });
    h.clock.set(MIDNIGHT + 30 * 86_400_000 + 1);
    expect(h.engine.portfolio(id).dayPnl).toBe(0);
    expect(h.engine.snapshot().accounts[0]?.dayStart).toBe(MIDNIGHT + 30 * 86_400_000);
  });

  it('settle() evaluates every agent', () => {
    const h = makeHarness();
    const a = h.agent({ dailyLossLimit: 100 });
    const b = h.agent({ dailyLossLimit: 100 });
    h.engine.placeOrder(a, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 });
    h.engine.placeOrder(b, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 });
    h.clock.advance(1000);
    h.market.set('BTC', 49_000);
    h.events.length = 0;
    h.engine.settle();
    expect(h.events.map((e) => [e.type, e.agentId])).toEqual([
      ['circuit_breaker.tripped', a],
      ['circuit_breaker.tripped', b],
    ]);
  });

  it('the seeded defect unlatched-daily-loss (an injected strategy): un-trips as soon as the loss recovers', () => {
    const { engine, clock, market, events, id } = setup({ strategies: unlatchedDailyLoss.apply(defaultParts).engine });
    clock.advance(1000);
    market.set('BTC', 48_000);
    expect(engine.breakers(id).dailyLoss.tripped).toBe(true);
    clock.advance(1000);
    market.set('BTC', 50_000);
    events.length = 0;
    expect(engine.breakers(id).dailyLoss.tripped).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['circuit_breaker.reset']);
  });

  it('live agents get the 5 000 USD default', () => {
    const h = makeHarness({ startingCash: 1_000_000 });
    const id = h.engine.registerAgent({ name: 'live', permissions: [], mode: 'live' }).agent.agentId;
    h.engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 10 });
    h.clock.advance(1000);
    h.market.set('ETH', 2_400);
    expect(h.engine.breakers(id).dailyLoss).toMatchObject({ limit: 5_000, tripped: true });
  });
});
