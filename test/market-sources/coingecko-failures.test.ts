import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoinGeckoMarket } from '../../src/market-sources/index.js';
import { HOST, MARKETS, laterMarkets, mockFullRefresh, virtualTime } from './coingecko-support.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A market that has had one good refresh; later refreshes only call /coins/markets (charts are fresh for a day). */
async function primed(minIntervalMs = 2_100) {
  const time = virtualTime();
  const lines: string[] = [];
  const at: number[] = [];
  const market = createCoinGeckoMarket({
    coins: ['bitcoin', 'ethereum'], now: time.now, sleep: time.sleep, log: (l) => lines.push(l), minIntervalMs, chartRefreshMs: 24 * 3_600_000,
  });
  mockFullRefresh();
  expect(await market.refresh()).toBe(true);
  const good = { btc: market.price('BTC', time.now()), eth: market.price('ETH', time.now()), at: market.lastGoodAt() };
  /** Intercepts the next /coins/markets call, recording when it was made. */
  const nextMarkets = (reply: (interceptor: nock.Interceptor) => nock.Scope): void => {
    const scope = nock(HOST).on('request', () => at.push(time.now()));
    reply(scope.get('/api/v3/coins/markets').query(true));
  };
  return { market, time, lines, at, good, nextMarkets };
}

const failures: [string, (i: nock.Interceptor) => nock.Scope, RegExp][] = [
  ['a network error', (i) => i.replyWithError('socket hang up'), /socket hang up/],
  ['429 with Retry-After', (i) => i.reply(429, { status: { error_code: 429, error_message: "You've exceeded the Rate Limit." } }, { 'Retry-After': '30' }), /429 rate limited; next call in 30 s/],
  ['429 without Retry-After', (i) => i.reply(429, { status: { error_code: 429 } }), /429 rate limited; next call in 5 s/],
  ['a 503', (i) => i.reply(503, '<html>Service Unavailable</html>'), /HTTP 503 <html>Service Unavailable/],
  ['malformed JSON', (i) => i.reply(200, '[{"id": "bitcoin", "current_pri', { 'content-type': 'application/json' }), /not JSON/],
  ['an unexpected shape', (i) => i.reply(200, { error: 'coin not found' }), /unexpected answer shape/],
  ['a coin missing from the answer', (i) => i.reply(200, [MARKETS[1]]), /bitcoin missing from the \/coins\/markets answer/],
];

describe('CoinGecko market: failures keep the last good data', () => {
  it.each(failures)('%s: stale, last prices served, one log line per episode, one on recovery', async (_name, fail, reason) => {
    const { market, time, lines, good, nextMarkets } = await primed();
    lines.length = 0;
    for (let i = 0; i < 3; i++) {
      nextMarkets(fail);
      time.state.t += 60_000;
      expect(await market.refresh()).toBe(false);
      expect(market.isStale()).toBe(true);
      expect(market.lastGoodAt()).toBe(good.at);
      expect(market.price('BTC', time.now())).toBe(good.btc);
      expect(market.ticker('ETH', time.now()).price).toBe(good.eth);
      expect(market.book('BTC', 5, time.now()).bids).toHaveLength(5);
    }
    expect(lines).toEqual([expect.stringMatching(/^market: CoinGecko data is stale \(/)]);
    expect(lines[0]).toMatch(reason);
    expect(lines[0]).toContain(`serving prices from ${new Date(good.at!).toISOString()}`);

    nextMarkets((i) => i.reply(200, laterMarkets(1.02, 10 * 60_000)));
    time.state.t += 10 * 60_000;
    expect(await market.refresh()).toBe(true);
    expect(market.isStale()).toBe(false);
    expect(market.lastGoodAt()).toBe(time.now());
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^market: CoinGecko data is fresh again/);
    expect(market.price('BTC', time.now())).toBe(Number((MARKETS[0]!.current_price! * 1.02).toFixed(2)));
  });

  it('a failing chart call also makes the data stale and keeps serving', async () => {
    const time = virtualTime();
    const lines: string[] = [];
    const market = createCoinGeckoMarket({ coins: ['bitcoin', 'ethereum'], now: time.now, sleep: time.sleep, log: (l) => lines.push(l) });
    nock(HOST).get('/api/v3/coins/markets').query(true).reply(200, MARKETS);
    nock(HOST).get('/api/v3/coins/bitcoin/market_chart').query(true).reply(500, 'oops');
    expect(await market.refresh()).toBe(false);
    expect(market.price('BTC', time.now())).toBe(MARKETS[0]!.current_price); // the quote still landed
    await market.ready();
    expect(lines).toEqual([expect.stringMatching(/stale .*market_chart: HTTP 500/)]);
  });
});

describe('CoinGecko market: rate limiting', () => {
  it('after a 429 with Retry-After the next call waits at least that long', async () => {
    const { market, time, at, nextMarkets } = await primed();
    nextMarkets((i) => i.reply(429, '', { 'Retry-After': '42' }));
    await market.refresh();
    nextMarkets((i) => i.reply(200, MARKETS));
    await market.refresh(); // immediately: the pacer must hold it
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(42_000);
    expect(time.state.sleeps.at(-1)).toBeGreaterThanOrEqual(40_000);
  });

  it('without Retry-After it backs off exponentially from 5 s, capped at 5 min, reset by a success', async () => {
    const { market, at, nextMarkets } = await primed(0);
    for (let i = 0; i < 8; i++) {
      nextMarkets((s) => s.reply(429, ''));
      await market.refresh();
    }
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000]);
    nextMarkets((s) => s.reply(200, MARKETS));
    await market.refresh();
    nextMarkets((s) => s.reply(429, ''));
    await market.refresh();
    nextMarkets((s) => s.reply(200, MARKETS));
    await market.refresh();
    expect(at.at(-1)! - at.at(-2)!).toBe(5_000);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const { market, time, at, nextMarkets } = await primed(0);
    nextMarkets((i) => i.reply(429, '', { 'Retry-After': new Date(time.now() + 90_000).toUTCString() }));
    await market.refresh();
    nextMarkets((i) => i.reply(200, MARKETS));
    await market.refresh();
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(89_000);
  });
});
