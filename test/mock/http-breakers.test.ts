// Circuit breakers over HTTP with live (signed) agents: maxPositionSize caps the projected
// notional (position + open same-side orders + this order); dailyLossLimit latches until the
// next 00:00 UTC while reduce-only orders still pass. Two seeded defects break these rules.
import { describe, expect, it } from 'vitest';
import {
  T0, expectCall, marketPrice, money, onGrid, placeOrder, portfolio, registerFull, setClock, shiftPrice, tradingMock, type Agent, type TestMock,
} from './trading-support.js';

const buyBtc = (quantity: number) => ({ symbol: 'BTC', side: 'buy', type: 'market', quantity });

async function positionAgent(defects: string[] = []) {
  const m = tradingMock({ defects });
  const agent = await registerFull(m, { mode: 'live', maxPositionSize: 1000, dailyLossLimit: 10_000 });
  const price = await marketPrice(m, agent, 'BTC');
  // ~500 USD of BTC on the lot grid (BTC trades around 65 000 with seed 42).
  const half = onGrid(500 / price, 0.00001);
  return { m, agent, price, half };
}

async function lossAgent(defects: string[] = []) {
  const m = tradingMock({ defects });
  const agent = await registerFull(m, { mode: 'live', dailyLossLimit: 50, maxPositionSize: 100_000 });
  const bought = await placeOrder(m, agent, buyBtc(0.008)); // ~520 USD
  expect(bought.status).toBe('filled');
  await shiftPrice(m, 'BTC', -20); // ~104 USD down: over the 50 USD limit
  return { m, agent };
}

async function expectBlocked(m: TestMock, agent: Agent, body: Record<string, unknown>, resetsAt = '2026-01-06T00:00:00.000Z') {
  const res = await m.call('POST', '/orders', { as: agent, body });
  expect(res.status, res.text).toBe(403);
  expect(res.body).toMatchObject({ code: 'daily_loss_limit_reached', resetsAt });
}

describe('maxPositionSize', () => {
  it('passes an order inside the cap and refuses one whose projected notional exceeds it', async () => {
    const { m, agent, price, half } = await positionAgent();
    expect(half * price).toBeGreaterThan(490);
    expect(half * price).toBeLessThanOrEqual(500);
    expect((await placeOrder(m, agent, buyBtc(half))).status).toBe('filled');
    const res = await m.call('POST', '/orders', { as: agent, body: buyBtc(0.01) }); // ~650 USD more
    expect(res.status, res.text).toBe(403);
    expect(res.body).toMatchObject({ code: 'position_limit_exceeded', limit: 1000 });
    expect(res.body.projected).toBeCloseTo(money((half + 0.01) * price), 6);
    expect(res.body.projected).toBeGreaterThan(1000);
    // Nothing was placed.
    expect((await expectCall(m, 200, 'GET', '/orders', { as: agent })).data).toHaveLength(1);
  });

  it('counts open same-side orders in the projection, and frees the room when they are cancelled', async () => {
    const { m, agent, price, half } = await positionAgent();
    await placeOrder(m, agent, buyBtc(half));
    const limitPrice = onGrid(price * 0.9, 0.01);
    const resting = await placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.007, price: limitPrice });
    expect(resting.status).toBe('open'); // projected (half + 0.007) × limit ≈ 860: inside the cap
    // Alone, 0.002 more (~130 USD) would fit; with the open order it would not.
    const res = await m.call('POST', '/orders', { as: agent, body: buyBtc(0.002) });
    expect(res.status, res.text).toBe(403);
    expect(res.body.code).toBe('position_limit_exceeded');
    expect(res.body.projected).toBeCloseTo(money((half + 0.007 + 0.002) * price), 6);
    await expectCall(m, 200, 'DELETE', `/orders/${resting.orderId}`, { as: agent });
    expect((await placeOrder(m, agent, buyBtc(0.002))).status).toBe('filled');
  });

  it('lets a reducing sell through even when the position is over the cap', async () => {
    const { m, agent, half } = await positionAgent();
    await placeOrder(m, agent, buyBtc(half));
    await shiftPrice(m, 'BTC', 300); // the position alone is now worth ~2 000 USD
    const sell = await placeOrder(m, agent, { symbol: 'BTC', side: 'sell', type: 'market', quantity: onGrid(half / 4, 0.00001) });
    expect(sell.status).toBe('filled');
    const more = await m.call('POST', '/orders', { as: agent, body: buyBtc(0.001) });
    expect(more.status).toBe(403);
  });

  it('seeded defect ignore-max-position: the over-cap order is accepted', async () => {
    const { m, agent, half } = await positionAgent(['ignore-max-position']);
    await placeOrder(m, agent, buyBtc(half));
    const order = await placeOrder(m, agent, buyBtc(0.01));
    expect(order.status).toBe('filled');
    expect((await portfolio(m, agent)).positions[0]!.marketValue).toBeGreaterThan(1000);
  });
});

describe('dailyLossLimit', () => {
  it('trips once the loss exceeds the limit: risk-adding orders get 403 with resetsAt, /portfolio and /me show it', async () => {
    const { m, agent } = await lossAgent();
    await expectBlocked(m, agent, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.01 });
    await expectBlocked(m, agent, buyBtc(0.001));
    await expectBlocked(m, agent, { symbol: 'SOL', side: 'buy', type: 'limit', quantity: 1, price: 10 });
    const p = await portfolio(m, agent);
    expect(p.breakers.dailyLoss).toEqual({ limit: 50, current: expect.any(Number), tripped: true, trippedAt: T0, resetsAt: '2026-01-06T00:00:00.000Z' });
    expect(p.breakers.dailyLoss.current).toBeGreaterThanOrEqual(50);
    expect(p.breakers.dailyLoss.current).toBeCloseTo(-p.dayPnl, 6);
    const me = await expectCall(m, 200, 'GET', '/me', { as: agent });
    expect(me.breakers.dailyLoss).toMatchObject({ limit: 50, tripped: true, resetsAt: '2026-01-06T00:00:00.000Z' });
    expect(me.breakers.maxPositionSize).toEqual({ limit: 100_000 });
  });

  it('still accepts a reduce-only sell while tripped', async () => {
    const { m, agent } = await lossAgent();
    await expectBlocked(m, agent, buyBtc(0.001));
    const sell = await placeOrder(m, agent, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.004 });
    expect(sell).toMatchObject({ status: 'filled', filledQuantity: 0.004 });
    // Selling more than the 0.004 left would open a short: that adds risk, so the breaker refuses it.
    await expectBlocked(m, agent, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.01 });
  });

  it('stays latched when the price recovers, and resets at the next 00:00 UTC', async () => {
    const { m, agent } = await lossAgent();
    await expectBlocked(m, agent, buyBtc(0.001));
    const cleared = await m.control('DELETE', '/market/BTC');
    expect(cleared.status).toBe(200);
    let p = await portfolio(m, agent);
    expect(p.breakers.dailyLoss.current).toBeLessThan(50); // the loss is back to spread and fees
    expect(p.breakers.dailyLoss.tripped).toBe(true);
    await expectBlocked(m, agent, buyBtc(0.001));

    await setClock(m, '2026-01-05T23:59:59.000Z');
    await expectBlocked(m, agent, buyBtc(0.001));
    await setClock(m, '2026-01-06T00:00:01.000Z');
    p = await portfolio(m, agent);
    expect(p.breakers.dailyLoss).toMatchObject({ tripped: false, trippedAt: null, resetsAt: null });
    expect((await placeOrder(m, agent, buyBtc(0.001))).status).toBe('filled');
  });

  it('seeded defect unlatched-daily-loss: the breaker lets go as soon as the price recovers', async () => {
    const { m, agent } = await lossAgent(['unlatched-daily-loss']);
    await expectBlocked(m, agent, buyBtc(0.001));
    expect((await m.control('DELETE', '/market/BTC')).status).toBe(200);
    expect((await portfolio(m, agent)).breakers.dailyLoss.tripped).toBe(false);
    expect((await placeOrder(m, agent, buyBtc(0.001))).status).toBe('filled');
  });
});
