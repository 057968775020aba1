import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roundToStep } from '../../src/mock/engine/market/grid.js';
import { REPLAY_FORMAT, createCoinGeckoMarket, createReplayMarket, type CoinGeckoMarketOptions } from '../../src/market-sources/index.js';
import { CHART, HOST, MARKETS, UPDATED, laterMarkets, mockFullRefresh, virtualTime } from './coingecko-support.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function setup(extra: Partial<CoinGeckoMarketOptions> = {}) {
  const time = virtualTime();
  const lines: string[] = [];
  const market = createCoinGeckoMarket({
    coins: ['bitcoin', 'ethereum'], now: time.now, sleep: time.sleep, log: (l) => lines.push(l),
    chartRefreshMs: 24 * 3_600_000, readyTimeoutMs: 50, ...extra,
  });
  return { market, time, lines };
}

describe('CoinGecko market: a successful refresh', () => {
  it('serves the quote and the chart through price() and ticker()', async () => {
    const { market, time } = setup();
    nock(HOST).get('/api/v3/coins/markets').query({ vs_currency: 'usd', ids: 'bitcoin,ethereum', per_page: '250' }).reply(200, MARKETS);
    for (const id of ['bitcoin', 'ethereum']) nock(HOST).get(`/api/v3/coins/${id}/market_chart`).query({ vs_currency: 'usd', days: '1' }).reply(200, CHART[id]);
    expect(await market.refresh()).toBe(true);
    expect(nock.isDone()).toBe(true);
    await market.ready();
    expect(market.isStale()).toBe(false);
    expect(market.lastGoodAt()).toBe(time.now());

    const btc = MARKETS[0]!;
    const tk = market.ticker('BTC', time.now());
    expect(tk.price).toBe(btc.current_price);
    expect(tk.volume24h).toBe(btc.total_volume);
    expect(tk.marketCap).toBe(btc.market_cap);
    expect(tk.change24h).toBe(Number(btc.price_change_percentage_24h!.toFixed(2)));
    expect(tk.high24h).toBe(btc.high_24h); // CoinGecko's 24 h extremes widen the 5-minute path's
    expect(tk.low24h).toBe(btc.low_24h);
    expect(market.price('BTC', UPDATED)).toBe(btc.current_price);
    for (const [t, p] of CHART.bitcoin!.prices.slice(0, 50)) expect(market.price('bitcoin', t)).toBe(roundToStep(p, 0.01));
  });

  it('interpolates between points exactly like a replay of the same points', async () => {
    const { market } = setup();
    mockFullRefresh();
    await market.refresh();
    const points = [...CHART.ethereum!.prices, [UPDATED, MARKETS[1]!.current_price!] as [number, number]];
    const replay = createReplayMarket({ seed: 42, series: { format: REPLAY_FORMAT, coins: [{ id: 'ethereum', symbol: 'ETH', name: 'Ethereum', tickSize: 0.01, lotSize: 0.0001, supply: 1, points }] } });
    for (let t = points[0]![0] - 60_000; t <= UPDATED + 60_000; t += 97_531) {
      expect(market.price('ETH', t)).toBe(replay.price('ETH', t));
      expect(market.range('ETH', t - 3_600_000, t)).toEqual(replay.range('ETH', t - 3_600_000, t));
    }
  });

  it('sends the demo key as x-cg-demo-api-key, and no key header without one', async () => {
    nock(HOST, { reqheaders: { 'x-cg-demo-api-key': 'CG-demo-123' } }).get('/api/v3/coins/markets').query(true).reply(200, MARKETS);
    const keyed = setup({ apiKey: 'CG-demo-123', chartRefreshMs: 0 });
    nock(HOST, { reqheaders: { 'x-cg-demo-api-key': 'CG-demo-123' } }).get(/market_chart/).query(true).times(2).reply(200, CHART.bitcoin);
    expect(await keyed.market.refresh()).toBe(true);
    nock(HOST, { badheaders: ['x-cg-demo-api-key'] }).get('/api/v3/coins/markets').query(true).reply(200, MARKETS);
    nock(HOST, { badheaders: ['x-cg-demo-api-key'] }).get(/market_chart/).query(true).times(2).reply(200, CHART.bitcoin);
    expect(await setup().market.refresh()).toBe(true);
    expect(nock.isDone()).toBe(true);
  });

  it('keeps calls at least minIntervalMs apart, and concurrent refresh() calls share one', async () => {
    const { market, time } = setup({ minIntervalMs: 2_500 });
    const at: number[] = [];
    nock(HOST).get('/api/v3/coins/markets').query(true).reply(() => (at.push(time.now()), [200, MARKETS]));
    nock(HOST).get(/market_chart/).query(true).times(2).reply(() => (at.push(time.now()), [200, CHART.bitcoin]));
    const [a, b] = await Promise.all([market.refresh(), market.refresh()]);
    expect([a, b]).toEqual([true, true]);
    expect(at).toHaveLength(3);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(2_500);
  });

  it('appends later quotes to the path and keeps the history', async () => {
    const { market, time } = setup();
    mockFullRefresh();
    await market.refresh();
    nock(HOST).get('/api/v3/coins/markets').query(true).reply(200, laterMarkets(1.01, 60_000));
    time.state.t += 60_000;
    expect(await market.refresh()).toBe(true);
    expect(market.price('BTC', UPDATED + 60_000)).toBe(Number((MARKETS[0]!.current_price! * 1.01).toFixed(2)));
    expect(market.price('BTC', UPDATED)).toBe(MARKETS[0]!.current_price);
    expect(market.price('BTC', CHART.bitcoin!.prices[3]![0])).toBe(roundToStep(CHART.bitcoin!.prices[3]![1], 0.01));
  });

  it('changes its revision with every update, so kept GET /market answers are dropped', async () => {
    const { market } = setup();
    const start = market.revision!();
    mockFullRefresh();
    await market.refresh();
    const first = market.revision!();
    expect(first).toBeGreaterThan(start);
    // The clock stands still while the data changes: only the revision tells a cache.
    nock(HOST).get('/api/v3/coins/markets').query(true).reply(200, laterMarkets(1.01, 0));
    expect(await market.refresh()).toBe(true);
    expect(market.revision!()).toBeGreaterThan(first);
  });
});

describe('CoinGecko market: before the first success', () => {
  it('price() throws a clear error and ready() rejects pointing to --market model', async () => {
    const { market, lines } = setup();
    expect(() => market.price('BTC', UPDATED)).toThrow(/No CoinGecko price for BTC yet.*--market model/);
    expect(market.coins().map((c) => c.symbol)).toEqual(['BTC', 'ETH']);
    nock(HOST).get('/api/v3/coins/markets').query(true).replyWithError('getaddrinfo ENOTFOUND api.coingecko.com');
    expect(await market.refresh()).toBe(false);
    expect(market.isStale()).toBe(true);
    expect(market.lastGoodAt()).toBeUndefined();
    expect(lines).toEqual([expect.stringMatching(/stale .*ENOTFOUND.*no prices yet/)]);
    await expect(market.ready()).rejects.toThrow(/BTC, ETH not available .*ENOTFOUND.*--market model/);
  });

  it('start() refreshes now and periodically; stop() with a refresh in flight ends it', async () => {
    const { market } = setup({ refreshMs: 20 });
    // The third quote call is held unanswered until the test releases it, so stop() always lands
    // while a refresh is in flight (a race the test used to lose under load: a call dispatched
    // before stop() was counted after it).
    let calls = 0;
    let release: (() => void) | undefined;
    nock(HOST).get('/api/v3/coins/markets').query(true).times(1000).reply((_uri, _body, answer) => {
      calls++;
      if (calls === 3) release = () => answer(null, [200, MARKETS]);
      else answer(null, [200, MARKETS]);
    });
    nock(HOST).get(/market_chart/).query(true).times(2).reply(200, CHART.bitcoin);
    expect(await market.start()).toBe(true);
    expect(calls).toBe(1); // the first refresh, at once
    await vi.waitFor(() => expect(release).toBeDefined(), { timeout: 15_000, interval: 5 }); // two more, on the schedule
    market.stop();
    release!();
    await market.refresh(); // joins the held refresh (it is still in flight), so it has settled after this
    expect(calls).toBe(3);
    await new Promise((r) => setTimeout(r, 5 * 20)); // five refresh periods: nothing more is scheduled
    expect(calls).toBe(3);
  });
});
