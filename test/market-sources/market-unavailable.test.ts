// What the mock says and does when CoinGecko cannot serve its first prices: unreachable → it
// gives up at once (MarketUnavailableError, exit 1 in the CLI); reachable but refusing (429) →
// it says it waits, for how long and how often it retries, then gives up with how to run offline.
import nock from 'nock';
import { afterEach, expect, it } from 'vitest';
import { MarketUnavailableError, openMarket } from '../../src/market-sources/open-market.js';
import { HOST, virtualTime } from './coingecko-support.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

it('unreachable: rejects at once with "cannot reach CoinGecko" and the offline flags, after one call', async () => {
  nock.disableNetConnect();
  const calls = nock(HOST).get('/api/v3/coins/markets').query(true).replyWithError('connect ECONNREFUSED');
  const time = virtualTime();
  const log: string[] = [];
  const opening = openMarket('coingecko', { seed: 1, log: (l) => log.push(l), coingecko: { coins: ['bitcoin'], readyTimeoutMs: 60_000, now: time.now, sleep: time.sleep } });
  await expect(opening).rejects.toThrow(MarketUnavailableError);
  await expect(opening).rejects.toThrow(/^cannot reach CoinGecko: GET \/coins\/markets: .*ECONNREFUSED.*\. To run offline, use --market model/);
  expect(calls.isDone()).toBe(true);
  expect(log.some((l) => l.includes('waiting'))).toBe(false);
});

it('rate-limited: says it waits and retries, then gives up saying how to run offline', async () => {
  nock.disableNetConnect();
  nock(HOST).get('/api/v3/coins/markets').query(true).reply(429, 'slow down', { 'retry-after': '1' }).persist();
  const time = virtualTime();
  const log: string[] = [];
  const opening = openMarket('coingecko', { seed: 1, log: (l) => log.push(l), coingecko: { coins: ['bitcoin'], readyTimeoutMs: 30, now: time.now, sleep: time.sleep } });
  await expect(opening).rejects.toThrow(MarketUnavailableError);
  await expect(opening).rejects.toThrow(/not available after 0 s .*429.*--market model/);
  expect(log).toContainEqual(expect.stringMatching(/^market: no CoinGecko prices yet \(GET \/coins\/markets: 429 rate limited; .*\); waiting up to 0 s for them, retrying every 10 s\. To run offline, use --market model/));
});
