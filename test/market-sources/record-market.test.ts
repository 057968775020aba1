import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roundToStep } from '../../src/mock/engine/market/grid.js';
import { createReplayMarket, loadReplayFile, recordMarket } from '../../src/market-sources/index.js';
import { CHART, HOST, MARKETS, virtualTime } from './coingecko-support.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});
const dir = mkdtempSync(join(tmpdir(), 'record-market-'));

// A coin outside the model's table, so its sizes are derived from a /coins/markets row.
const PEPE_ROW = { ...MARKETS[0]!, id: 'pepe', symbol: 'pepe', name: 'Pepe', current_price: 0.00000712, market_cap: 2.99e9, circulating_supply: 420_690_000_000_000, total_volume: 6e8 };
const PEPE_CHART = { prices: [[1762300000000, 0.0000071234], [1762303600000, 0.0000069911], [1762307200000, 0.0000072001]], market_caps: [], total_volumes: [[1762300000000, 6e8]] };

describe('recordMarket', () => {
  it('writes a replay file that loads and replays the recorded prices exactly at the recorded times', async () => {
    const time = virtualTime();
    const out = join(dir, 'recorded.json');
    nock(HOST, { reqheaders: { 'x-cg-demo-api-key': 'CG-k' } }).get('/api/v3/coins/markets').query({ vs_currency: 'usd', ids: 'pepe', per_page: '250' }).reply(200, [PEPE_ROW]);
    nock(HOST).get('/api/v3/coins/bitcoin/market_chart').query({ vs_currency: 'usd', days: '3' }).reply(429, '', { 'Retry-After': '7' });
    nock(HOST).get('/api/v3/coins/bitcoin/market_chart').query({ vs_currency: 'usd', days: '3' }).reply(200, CHART.bitcoin);
    nock(HOST).get('/api/v3/coins/pepe/market_chart').query({ vs_currency: 'usd', days: '3' }).reply(200, PEPE_CHART);
    const lines: string[] = [];
    const written = await recordMarket({ coins: ['BTC', 'pepe'], days: 3, apiKey: 'CG-k', out, now: time.now, sleep: time.sleep, log: (l) => lines.push(l) });
    expect(nock.isDone()).toBe(true);
    expect(time.state.sleeps).toContain(7_000); // the 429 was retried after Retry-After
    expect(lines.at(-1)).toBe(`record-market: wrote 2 coins to ${out}`);

    const file = await loadReplayFile(out);
    expect(file).toEqual(written);
    expect(file.source).toBe('coingecko');
    const [btc, pepe] = file.coins;
    expect(btc).toMatchObject({ id: 'bitcoin', symbol: 'BTC', tickSize: 0.01, lotSize: 0.00001 });
    expect(pepe).toMatchObject({ id: 'pepe', symbol: 'PEPE', name: 'Pepe', tickSize: 1e-9, lotSize: 100000, supply: 420_690_000_000_000 });
    expect(btc!.points).toHaveLength(CHART.bitcoin!.prices.length);

    const replay = createReplayMarket({ series: file, seed: 1 });
    CHART.bitcoin!.prices.forEach(([t, p], i) => {
      expect(btc!.points[i]![0]).toBe(t);
      expect(replay.price('BTC', t)).toBe(roundToStep(p, 0.01));
      expect(replay.price('BTC', t)).toBe(btc!.points[i]![1]);
    });
    for (const [t, p] of PEPE_CHART.prices) expect(replay.price('PEPE', t!)).toBe(roundToStep(p!, 1e-9));
    expect(replay.ticker('PEPE', 1762307200000).volume24h).toBe(6e8);
    expect(readFileSync(out, 'utf8').split('\n').length).toBeGreaterThan(290); // one point per line
  });

  it('gives up after the last attempt, and rejects bad days and unknown ids with clear messages', async () => {
    const time = virtualTime();
    const base = { out: join(dir, 'x.json'), now: time.now, sleep: time.sleep };
    nock(HOST).get('/api/v3/coins/bitcoin/market_chart').query(true).times(2).reply(503, 'down');
    await expect(recordMarket({ ...base, coins: ['bitcoin'], days: 1, attempts: 2 })).rejects.toThrow(/market_chart: HTTP 503 down/);
    await expect(recordMarket({ ...base, coins: ['bitcoin'], days: 0 })).rejects.toThrow(/days must be an integer in 1\.\.365/);
    nock(HOST).get('/api/v3/coins/markets').query(true).reply(200, []);
    await expect(recordMarket({ ...base, coins: ['not-a-coin'], days: 1 })).rejects.toThrow(/does not know the coin id "not-a-coin"/);
  });
});
