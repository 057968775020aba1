// GET /market, /market/{symbol}/orderbook and /market/{symbol}/candles over HTTP: what the
// published Python client reads, coin resolution, ticker consistency, book shape and candles.
import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, T0, T0_MS, expectCall, isOnGrid, registerFull, shiftPrice, tradingMock, type Agent, type TestMock } from './trading-support.js';

const INTERVALS = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': HOUR, '4h': 4 * HOUR, '1d': DAY } as const;

interface Ticker {
  id: string;
  symbol: string;
  price: number;
  change24h: number;
  high24h: number;
  low24h: number;
  updatedAt: string;
}

let m: TestMock;
let agent: Agent;
beforeEach(async () => {
  m = tradingMock();
  agent = await registerFull(m);
});

const market = async (query = ''): Promise<Ticker[]> => (await expectCall(m, 200, 'GET', `/market${query}`, { as: agent })).data;

describe('GET /market', () => {
  it("serves the published client's read: data[0].price and data[0].change24h are numbers", async () => {
    const body = await expectCall(m, 200, 'GET', '/market?coins=bitcoin', { as: agent });
    expect(body.data).toHaveLength(1);
    const btc = body.data[0];
    expect(btc).toMatchObject({ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin', updatedAt: T0 });
    expect(typeof btc.price).toBe('number');
    expect(typeof btc.change24h).toBe('number');
    expect(btc.price).toBeGreaterThan(1000);
    // The client prints f"{btc['change24h']:+.2f}%": the value is a percent with 2 decimals.
    expect(Math.round(btc.change24h * 100) / 100).toBe(btc.change24h);
  });

  it('lists at least 10 distinct coins when coins is absent', async () => {
    const data = await market();
    expect(data.length).toBeGreaterThanOrEqual(10);
    expect(new Set(data.map((t) => t.symbol)).size).toBe(data.length);
    expect(new Set(data.map((t) => t.id)).size).toBe(data.length);
    expect(data.map((t) => t.symbol)).toEqual(expect.arrayContaining(['BTC', 'ETH', 'SOL']));
  });

  it('answers in the order requested', async () => {
    expect((await market('?coins=solana,BTC,ethereum,DOGE')).map((t) => t.symbol)).toEqual(['SOL', 'BTC', 'ETH', 'DOGE']);
    expect((await market('?coins=eth,btc')).map((t) => t.symbol)).toEqual(['ETH', 'BTC']);
  });

  it('accepts tickers and ids, case-insensitively, with identical tickers', async () => {
    const forms = ['bitcoin', 'BTC', 'btc', 'BiTcOiN', 'Btc'];
    const answers = await Promise.all(forms.map((f) => market(`?coins=${f}`)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]?.[0]?.symbol).toBe('BTC');
  });

  it('rejects an unknown coin with 400 unknown_symbol, also inside a list', async () => {
    for (const coins of ['dogcoin', 'bitcoin,nosuchcoin', 'BTCX']) {
      const res = await m.call('GET', `/market?coins=${coins}`, { as: agent });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('unknown_symbol');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('keeps low24h ≤ price ≤ high24h for every coin, at several times and after a price shock', async () => {
    const check = async () => {
      for (const t of await market()) {
        expect(t.low24h, t.symbol).toBeLessThanOrEqual(t.price);
        expect(t.price, t.symbol).toBeLessThanOrEqual(t.high24h);
        expect(t.low24h, t.symbol).toBeLessThan(t.high24h);
      }
    };
    await check();
    m.ctx.clock.advance(7 * HOUR + 13 * 60_000);
    await check();
    await shiftPrice(m, 'ETH', 35);
    await check();
    const [eth] = await market('?coins=ETH');
    expect(eth?.high24h).toBe(eth?.price); // a fresh 35 % jump is the 24 h high
  });

  it('derives change24h from the price 24 h earlier (a second mock at T0 − 24 h, and the 1h candles)', async () => {
    const now = await market();
    const earlier = tradingMock({ clock: `virtual:${new Date(T0_MS - DAY).toISOString()}` });
    const past = (await expectCall(earlier, 200, 'GET', '/market', { as: await registerFull(earlier) })).data as Ticker[];
    expect(past.map((t) => t.symbol)).toEqual(now.map((t) => t.symbol));
    for (const [i, t] of now.entries()) {
      const before = past[i]!.price;
      expect(t.change24h, t.symbol).toBe(Number((((t.price - before) / before) * 100).toFixed(2)));
    }
    const candles = (await expectCall(m, 200, 'GET', '/market/BTC/candles?interval=1h&limit=25', { as: agent })).data.candles;
    expect(candles[0].openTime).toBe(new Date(T0_MS - DAY).toISOString());
    expect(candles[0].open).toBe(past.find((t) => t.symbol === 'BTC')?.price);
  });

  it('moves change24h with a price override', async () => {
    const [before] = await market('?coins=BTC');
    await shiftPrice(m, 'BTC', 10);
    const [after] = await market('?coins=BTC');
    const base = before!.price / (1 + before!.change24h / 100);
    expect(after!.price).toBeCloseTo(before!.price * 1.1, 1);
    expect(after!.change24h).toBeCloseTo(((after!.price - base) / base) * 100, 1);
  });
});

describe('GET /market/{symbol}/orderbook', () => {
  const book = async (symbol: string, query = '') => (await expectCall(m, 200, 'GET', `/market/${symbol}/orderbook${query}`, { as: agent })).data;

  it.each(['BTC', 'ethereum', 'DOT', 'shib'])('is well formed for %s: sorted sides, no cross, on the tick and lot grids', async (symbol) => {
    const b = await book(symbol, '?depth=100');
    expect(b.bids).toHaveLength(100);
    expect(b.asks).toHaveLength(100);
    for (let i = 1; i < 100; i++) {
      expect(b.bids[i].price).toBeLessThan(b.bids[i - 1].price);
      expect(b.asks[i].price).toBeGreaterThan(b.asks[i - 1].price);
    }
    expect(b.bids[0].price).toBeLessThan(b.asks[0].price);
    for (const level of [...b.bids, ...b.asks]) {
      expect(isOnGrid(level.price, b.tickSize), `${level.price} on ${b.tickSize}`).toBe(true);
      expect(isOnGrid(level.quantity, b.lotSize), `${level.quantity} on ${b.lotSize}`).toBe(true);
      expect(level.quantity).toBeGreaterThan(0);
    }
    const [t] = await market(`?coins=${symbol}`);
    expect(b.symbol).toBe(t?.symbol);
    expect(b.bids[0].price).toBeLessThanOrEqual(t!.price);
    expect(b.asks[0].price).toBeGreaterThanOrEqual(t!.price);
    expect(b.timestamp).toBe(T0);
  });

  it('respects depth: 20 by default, 1 and 100 at the edges', async () => {
    for (const [query, n] of [['', 20], ['?depth=1', 1], ['?depth=7', 7], ['?depth=100', 100]] as const) {
      const b = await book('BTC', query);
      expect(b.bids, query).toHaveLength(n);
      expect(b.asks, query).toHaveLength(n);
    }
    // Deeper books extend shallower ones.
    expect((await book('BTC', '?depth=100')).asks.slice(0, 7)).toEqual((await book('BTC', '?depth=7')).asks);
  });

  it.each(['0', '101', '-1', '2.5', 'ten'])('rejects depth=%s with 400 validation_failed naming the parameter', async (depth) => {
    const res = await m.call('GET', `/market/BTC/orderbook?depth=${depth}`, { as: agent });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ location: 'query', pointer: 'depth' }));
  });

  it('answers 404 unknown_symbol for an unknown coin in the path', async () => {
    const res = await m.call('GET', '/market/NOPE/orderbook', { as: agent });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('unknown_symbol');
  });
});

describe('GET /market/{symbol}/candles', () => {
  const candles = async (symbol: string, query: string) => (await expectCall(m, 200, 'GET', `/market/${symbol}/candles${query}`, { as: agent })).data;

  it.each(Object.entries(INTERVALS))('%s: OHLC consistent, contiguous, limit respected, last candle contains now', async (interval, ms) => {
    m.ctx.clock.advance(17 * 60_000 + 29_000); // not on any interval boundary
    const now = m.ctx.clock.now();
    const data = await candles('BTC', `?interval=${interval}&limit=60`);
    expect(data.symbol).toBe('BTC');
    expect(data.interval).toBe(interval);
    expect(data.candles).toHaveLength(60);
    for (const [i, c] of data.candles.entries()) {
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      expect(c.volume).toBeGreaterThanOrEqual(0);
      const open = Date.parse(c.openTime);
      expect(open % ms).toBe(0);
      expect(Date.parse(c.closeTime)).toBe(open + ms - 1);
      if (i > 0) expect(open).toBe(Date.parse(data.candles[i - 1].openTime) + ms);
    }
    const last = data.candles.at(-1);
    expect(Date.parse(last.openTime)).toBeLessThanOrEqual(now);
    expect(Date.parse(last.closeTime)).toBeGreaterThanOrEqual(now);
    const [t] = await market('?coins=BTC');
    expect(last.close).toBe(t?.price);
  });

  it('defaults to 100 1h candles, and allows limit 1 and 1000', async () => {
    const d = await candles('bitcoin', '');
    expect(d.interval).toBe('1h');
    expect(d.candles).toHaveLength(100);
    expect((await candles('btc', '?limit=1')).candles).toHaveLength(1);
    expect((await candles('BTC', '?interval=1m&limit=1000')).candles).toHaveLength(1000);
  });

  it('rejects a bad interval or limit with 400 validation_failed', async () => {
    for (const query of ['?interval=2h', '?limit=0', '?limit=1001']) {
      const res = await m.call('GET', `/market/BTC/candles${query}`, { as: agent });
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('answers 404 unknown_symbol for an unknown coin in the path', async () => {
    const res = await m.call('GET', '/market/nosuchcoin/candles?interval=1h', { as: agent });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('unknown_symbol');
  });
});
