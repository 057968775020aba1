import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/mock/engine/engine.js';
import { FakeClock, T0 } from '../helpers/fake-clock.js';
import { FakeMarket } from '../helpers/fake-market.js';
import { FakeRng } from '../helpers/fake-rng.js';
import { ALL_PERMISSIONS, expectEngineError, makeHarness } from '../helpers/make-engine.js';

describe('registerAgent', () => {
  it('issues nx_test_/nx_live_ keys with 32 base62 chars and agent_<24 hex> ids', () => {
    const { engine } = makeHarness();
    const sandbox = engine.registerAgent({ name: 'a', permissions: ALL_PERMISSIONS, mode: 'sandbox' });
    const live = engine.registerAgent({ name: 'b', permissions: ALL_PERMISSIONS, mode: 'live' });
    expect(sandbox.agent.apiKey).toMatch(/^nx_test_[A-Za-z0-9]{32}$/);
    expect(live.agent.apiKey).toMatch(/^nx_live_[A-Za-z0-9]{32}$/);
    expect(sandbox.agent.agentId).toMatch(/^agent_[0-9a-f]{24}$/);
    expect(sandbox.agent.agentId).not.toBe(live.agent.agentId);
    expect(sandbox.agent.createdAt).toBe(T0);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const ids = (seed: number) => {
      const { engine } = makeHarness({ seed });
      return engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox' }).agent;
    };
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7).agentId).not.toBe(ids(8).agentId);
  });

  it('dedupes permissions preserving first-seen order', () => {
    const { engine } = makeHarness();
    const { agent } = engine.registerAgent({
      name: 'a',
      permissions: ['write:orders', 'read:market', 'write:orders', 'read:portfolio', 'read:market'],
      mode: 'sandbox',
    });
    expect(agent.permissions).toEqual(['write:orders', 'read:market', 'read:portfolio']);
  });

  it('stores the rate limit (default 60, or defaultRateLimit)', () => {
    expect(makeHarness().engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox' }).agent.rateLimitPerMinute).toBe(60);
    const { engine } = makeHarness({ defaultRateLimit: 5 });
    expect(engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox' }).agent.rateLimitPerMinute).toBe(5);
  });

  it('keeps the secret out of the record; secretOf and agentByKey find it', () => {
    const { engine } = makeHarness();
    const { agent, apiSecret } = engine.registerAgent({ name: 'a', permissions: [], mode: 'live' });
    expect(apiSecret).toBe('secret-1');
    expect(JSON.stringify(agent)).not.toContain(apiSecret);
    expect(engine.secretOf(agent.agentId)).toBe(apiSecret);
    expect(engine.agentByKey(agent.apiKey)).toBe(engine.agent(agent.agentId));
    expect(engine.agentByKey('nx_test_nope')).toBeUndefined();
    expect(JSON.stringify(engine.snapshot())).not.toContain(apiSecret);
    expectEngineError(() => engine.secretOf('agent_missing'), 'agent_not_found');
  });

  it('returns frozen records', () => {
    const { engine } = makeHarness();
    const { agent } = engine.registerAgent({ name: 'a', permissions: ['read:market'], mode: 'sandbox' });
    expect(Object.isFrozen(agent)).toBe(true);
    expect(Object.isFrozen(agent.permissions)).toBe(true);
  });

  it('uses keySource for the key body and rejects malformed bodies', () => {
    const body = 'A'.repeat(32);
    const { engine } = makeHarness({ keySource: () => body });
    expect(engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox' }).agent.apiKey).toBe(`nx_test_${body}`);
    const bad = makeHarness({ keySource: () => 'short' });
    expect(() => bad.engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox' })).toThrow(RangeError);
  });
});

describe('agent limits', () => {
  it('sandbox defaults to no limits; live gets liveDefaults', () => {
    const { engine } = makeHarness();
    const s = engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox' }).agent;
    expect([s.dailyLossLimit, s.maxPositionSize]).toEqual([null, null]);
    const l = engine.registerAgent({ name: 'b', permissions: [], mode: 'live' }).agent;
    expect([l.dailyLossLimit, l.maxPositionSize]).toEqual([5_000, 50_000]);
    const l2 = engine.registerAgent({ name: 'c', permissions: [], mode: 'live', dailyLossLimit: null, maxPositionSize: null }).agent;
    expect([l2.dailyLossLimit, l2.maxPositionSize]).toEqual([5_000, 50_000]);
    const custom = makeHarness({ liveDefaults: { dailyLossLimit: 1, maxPositionSize: 2 } }).engine;
    expect(custom.registerAgent({ name: 'd', permissions: [], mode: 'live' }).agent.maxPositionSize).toBe(2);
  });

  it('keeps given limits', () => {
    const { engine } = makeHarness();
    const a = engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox', dailyLossLimit: 100, maxPositionSize: 200 }).agent;
    expect([a.dailyLossLimit, a.maxPositionSize]).toEqual([100, 200]);
    expect(engine.breakers(a.agentId)).toEqual({
      dailyLoss: { limit: 100, current: 0, tripped: false, trippedAt: null, resetsAt: null },
      maxPositionSize: { limit: 200 },
    });
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, '100'])('rejects limit %s with invalid_limit (400)', (v) => {
    const { engine } = makeHarness();
    const err = expectEngineError(
      () => engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox', dailyLossLimit: v as number }),
      'invalid_limit',
    );
    expect(err.status).toBe(400);
    expectEngineError(() => engine.registerAgent({ name: 'a', permissions: [], mode: 'live', maxPositionSize: v as number }), 'invalid_limit');
    expect(engine.stats().agents).toBe(0);
  });
});

describe('registration validation', () => {
  it('rejects bad name, mode or permission without consuming ids', () => {
    const { engine } = makeHarness();
    const before = engine.snapshot();
    expectEngineError(() => engine.registerAgent({ name: '  ', permissions: [], mode: 'sandbox' }), 'invalid_request');
    expectEngineError(() => engine.registerAgent({ name: 'a', permissions: [], mode: 'paper' as never }), 'invalid_request');
    expectEngineError(() => engine.registerAgent({ name: 'a', permissions: ['admin' as never], mode: 'sandbox' }), 'invalid_request');
    expect(engine.snapshot()).toEqual(before);
    // The next successful registration gets the same id a fresh engine would.
    const first = engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox' }).agent.agentId;
    expect(first).toBe(makeHarness().engine.registerAgent({ name: 'a', permissions: [], mode: 'sandbox' }).agent.agentId);
  });
});

describe('registerDemoAgent and reset', () => {
  const demoKey = `nx_test_${'d'.repeat(32)}`;

  it('uses the fixed key and secret and a key-derived id that survives reset', () => {
    const { engine } = makeHarness();
    engine.registerAgent({ name: 'x', permissions: [], mode: 'sandbox' });
    const demo = engine.registerDemoAgent({ name: 'demo', permissions: ALL_PERMISSIONS, mode: 'sandbox' }, demoKey, 'demo-secret');
    expect(demo.agent.apiKey).toBe(demoKey);
    expect(demo.apiSecret).toBe('demo-secret');
    expect(engine.secretOf(demo.agent.agentId)).toBe('demo-secret');
    expect(() => engine.registerDemoAgent({ name: 'demo', permissions: [], mode: 'sandbox' }, demoKey, 's')).toThrow();

    engine.reset();
    expect(engine.stats()).toEqual({ agents: 0, orders: 0, restingOrders: 0 });
    expect(engine.agentByKey(demoKey)).toBeUndefined();
    const again = engine.registerDemoAgent({ name: 'demo', permissions: ALL_PERMISSIONS, mode: 'sandbox' }, demoKey, 'demo-secret');
    expect(again.agent.agentId).toBe(demo.agent.agentId);
  });

  it('reset drops agents, orders and resting state', () => {
    const h = makeHarness();
    const id = h.agent();
    h.engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 40_000 });
    h.engine.reset();
    expect(h.engine.stats()).toEqual({ agents: 0, orders: 0, restingOrders: 0 });
    expectEngineError(() => h.engine.portfolio(id), 'agent_not_found');
  });

  it('works with a plain engine construction too', () => {
    const clock = new FakeClock();
    const engine = createEngine({ clock, market: new FakeMarket(clock), rng: new FakeRng(3), secretSource: () => 's' });
    expect(engine.registerAgent({ name: 'n', permissions: [], mode: 'sandbox' }).agent.name).toBe('n');
  });
});
