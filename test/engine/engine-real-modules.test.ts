// Smoke test: the engine wired to the real clock, Rng and model market (not the fakes).
import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/mock/engine/clock.js';
import { createEngine } from '../../src/mock/engine/index.js';
import { createModelMarket } from '../../src/mock/engine/market/index.js';
import { createRng } from '../../src/mock/engine/random.js';

function scenario(seed: string) {
  const clock = createClock('virtual:2026-01-05T12:00:00Z');
  const market = createModelMarket({ seed });
  let n = 0;
  const engine = createEngine({ clock, market, rng: createRng(`${seed}:engine`), secretSource: () => `s${++n}` });
  const { agent } = engine.registerAgent({ name: 'smoke', permissions: ['write:orders'], mode: 'live' });
  const id = agent.agentId;
  const buy = engine.placeOrder(id, { symbol: 'btc', side: 'buy', type: 'market', quantity: 0.2 }).order;
  const mid = market.price('BTC', clock.now());
  const tick = market.coin('BTC')?.tickSize ?? 0.01;
  const limit = Math.round((mid * 0.99) / tick) * tick;
  const resting = engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: limit }).order;
  const sell = engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.1, price: Math.round((mid * 1.01) / tick) * tick }).order;
  for (let h = 0; h < 36; h++) {
    clock.advance(3_600_000);
    engine.settle();
  }
  return { engine, id, buy, resting, sell, market, clock };
}

describe('engine with the real clock, rng and market', () => {
  it('trades, settles across midnight and stays consistent', () => {
    const { engine, id, buy, resting, sell, market, clock } = scenario('smoke-1');
    expect(buy.status).toBe('filled');
    expect(buy.fills.length).toBeGreaterThan(0);
    expect(buy.avgFillPrice).toBeGreaterThan(0);
    const p = engine.portfolio(id);
    const marks = p.positions.reduce((s, x) => s + x.quantity * market.price(x.symbol, clock.now()), 0);
    expect(Math.abs(p.totalValue - (p.cash + marks))).toBeLessThan(1e-6);
    expect(p.cash).toBeGreaterThanOrEqual(0);
    expect(p.dayStartEquity).toBeGreaterThan(0);
    for (const o of [resting, sell]) expect(['open', 'filled', 'rejected']).toContain(engine.getOrder(id, o.orderId).status);
    expect(engine.snapshot().accounts[0]?.dayStart).toBe(Date.UTC(2026, 0, 7)); // 12:00 + 36 h
  });

  it('is deterministic for a seed', () => {
    expect(scenario('smoke-2').engine.snapshot()).toEqual(scenario('smoke-2').engine.snapshot());
  });
});
