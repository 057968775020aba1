// GET /portfolio over HTTP: starting cash, what the published client reads, the totalValue and
// P&L identities after trades and price moves, and dayPnl across a UTC midnight.
import { describe, expect, it } from 'vitest';
import {
  HOUR, T0, advance, expectCall, marketPrice, money, placeOrder, portfolio, registerFull, setClock, shiftPrice, tradingMock,
  type Agent, type PortfolioJson, type TestMock,
} from './trading-support.js';

/** totalValue = cash + Σ quantity × marketPrice and, per position, the mark-to-market identities. */
function expectIdentities(p: PortfolioJson): void {
  const marked = p.positions.reduce((s, x) => s + x.quantity * x.marketPrice, 0);
  expect(Math.abs(p.totalValue - (p.cash + marked))).toBeLessThan(1e-6);
  expect(Math.abs(p.availableCash - (p.cash - p.reservedCash))).toBeLessThan(1e-6);
  expect(Math.abs(p.dayPnl - (p.totalValue - p.dayStartEquity))).toBeLessThan(1e-6);
  for (const x of p.positions) {
    expect(Math.abs(x.unrealizedPnl - (x.marketPrice - x.avgPrice) * x.quantity), x.symbol).toBeLessThan(1e-6);
    expect(Math.abs(x.marketValue - x.quantity * x.marketPrice), x.symbol).toBeLessThan(1e-6);
  }
  expect(p.breakers.dailyLoss.current).toBeCloseTo(Math.max(0, -p.dayPnl), 6);
}

/** Marks must be the ticker prices GET /market reports at the same instant. */
async function expectMarksAreTickers(m: TestMock, agent: Agent, p: PortfolioJson): Promise<void> {
  for (const x of p.positions) expect(x.marketPrice, x.symbol).toBe(await marketPrice(m, agent, x.symbol));
}

describe('GET /portfolio', () => {
  it('starts with 100 000 USD cash and nothing else', async () => {
    const m = tradingMock();
    const p = await portfolio(m, await registerFull(m));
    expect(p).toEqual({
      totalValue: 100_000,
      cash: 100_000,
      reservedCash: 0,
      availableCash: 100_000,
      positions: [],
      dayPnl: 0,
      dayStartEquity: 100_000,
      breakers: {
        dailyLoss: { limit: null, current: 0, tripped: false, trippedAt: null, resetsAt: null },
        maxPositionSize: { limit: null },
      },
      updatedAt: T0,
    });
  });

  it('honours the startingCash option', async () => {
    const m = tradingMock({ startingCash: 2_500.5 });
    expect(await portfolio(m, await registerFull(m))).toMatchObject({ totalValue: 2_500.5, cash: 2_500.5, availableCash: 2_500.5, dayStartEquity: 2_500.5 });
  });

  it("serves the published client's read: portfolio['data']['totalValue'] is a number", async () => {
    const m = tradingMock();
    const res = await m.call('GET', '/portfolio', { as: await registerFull(m) });
    expect(res.status).toBe(200);
    expect(typeof res.body.data.totalValue).toBe('number');
    expect(res.body.data.totalValue).toBe(100_000);
  });

  it('keeps totalValue = cash + Σ quantity × mark and unrealizedPnl = (mark − avg) × qty through trades and moves', async () => {
    const m = tradingMock();
    const agent = await registerFull(m);
    const b1 = await placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.05 });
    await placeOrder(m, agent, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 2 });
    await placeOrder(m, agent, { symbol: 'SOL', side: 'buy', type: 'market', quantity: 15 });
    let p = await portfolio(m, agent);
    expectIdentities(p);
    await expectMarksAreTickers(m, agent, p);
    expect(p.positions.map((x) => x.symbol)).toEqual(['BTC', 'ETH', 'SOL']);
    expect(p.totalValue).toBeLessThan(100_000); // spread and fees

    await advance(m, 3 * HOUR);
    const b2 = await placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.03 });
    const sell = await placeOrder(m, agent, { symbol: 'ETH', side: 'sell', type: 'market', quantity: 0.5 });
    await shiftPrice(m, 'SOL', -12);
    await advance(m, 47 * 60_000);
    p = await portfolio(m, agent);
    expectIdentities(p);
    await expectMarksAreTickers(m, agent, p);

    const btc = p.positions.find((x) => x.symbol === 'BTC')!;
    expect(btc.quantity).toBeCloseTo(0.08, 10);
    const avg = (b1.avgFillPrice! * 0.05 + b2.avgFillPrice! * 0.03) / 0.08;
    expect(btc.avgPrice).toBeCloseTo(avg, 4);
    const eth = p.positions.find((x) => x.symbol === 'ETH')!;
    expect(eth.quantity).toBeCloseTo(1.5, 10);
    expect(eth.realizedPnl).toBeCloseTo((sell.avgFillPrice! - eth.avgPrice) * 0.5, 6);
    const sol = p.positions.find((x) => x.symbol === 'SOL')!;
    expect(sol.unrealizedPnl).toBeLessThan(0); // a 12 % drop

    // Cash is exactly what the fills say: starting cash − buys − fees + sells.
    const orders = (await expectCall(m, 200, 'GET', '/orders', { as: agent })).data as { side: string; fills: { price: number; quantity: number; fee: number }[] }[];
    const flows = orders.flatMap((o) => o.fills.map((f) => (o.side === 'buy' ? -1 : 1) * f.price * f.quantity - f.fee));
    expect(p.cash).toBeCloseTo(100_000 + flows.reduce((a, b) => a + b, 0), 6);
  });

  it('reserves cash for open buys without changing totalValue', async () => {
    const m = tradingMock();
    const agent = await registerFull(m);
    const order = await placeOrder(m, agent, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 1, price: 1_000 });
    expect(order.status).toBe('open');
    const p = await portfolio(m, agent);
    expect(p).toMatchObject({ cash: 100_000, totalValue: 100_000, reservedCash: 1_001, availableCash: 98_999, dayPnl: 0 });
    expectIdentities(p);
  });

  it('measures dayPnl from the equity at the last 00:00 UTC, and restarts it after midnight', async () => {
    const m = tradingMock();
    const agent = await registerFull(m);
    await placeOrder(m, agent, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.4 });
    await placeOrder(m, agent, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 5 });
    await advance(m, 6 * HOUR);
    let p = await portfolio(m, agent);
    expect(p.dayStartEquity).toBe(100_000); // registered today: the day started with the starting cash
    expect(p.dayPnl).toBeCloseTo(p.totalValue - 100_000, 6);
    expect(p.dayPnl).not.toBe(0);
    const cash = p.cash;

    // Cross 2026-01-06T00:00Z and read at 01:30.
    await setClock(m, '2026-01-06T01:30:00.000Z');
    p = await portfolio(m, agent);
    expectIdentities(p);
    const midnight = Date.parse('2026-01-06T00:00:00.000Z');
    const atMidnight = (s: string) => m.ctx.market.price(s, midnight);
    const expectedStart = money(cash + 0.4 * atMidnight('BTC') + 5 * atMidnight('ETH'));
    expect(p.dayStartEquity).toBeCloseTo(expectedStart, 6);
    expect(p.dayStartEquity).not.toBeCloseTo(100_000, 0);
    expect(p.dayPnl).toBeCloseTo(p.totalValue - expectedStart, 6);

    // The midnight price is the open of the 1h candle that starts at midnight (checked over HTTP).
    const candles = (await expectCall(m, 200, 'GET', '/market/BTC/candles?interval=1h&limit=2', { as: agent })).data.candles;
    expect(candles[0].openTime).toBe('2026-01-06T00:00:00.000Z');
    expect(candles[0].open).toBe(atMidnight('BTC'));
  });

  it('answers 403 permission_denied without read:portfolio', async () => {
    const m = tradingMock();
    const agent = await m.register({ permissions: ['read:market'] });
    const res = await m.call('GET', '/portfolio', { as: agent });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'permission_denied', requiredPermission: 'read:portfolio', grantedPermissions: ['read:market'] });
  });
});
