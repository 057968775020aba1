import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MarketSpecError, loadReplayFile, marketOption, openMarket, parseMarketSpec, parseRetryAfter, recordMarketCommand,
} from '../../src/market-sources/index.js';
import { createTestMock } from '../helpers/test-mock.js';
import { CHART, HOST, mockFullRefresh, virtualTime } from './coingecko-support.js';

const SAMPLE = fileURLToPath(new URL('../../fixtures/market/sample-2025-11.json', import.meta.url));
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('parseMarketSpec', () => {
  it('parses the three forms', () => {
    expect(parseMarketSpec('model')).toEqual({ kind: 'model' });
    expect(parseMarketSpec(' CoinGecko ')).toEqual({ kind: 'coingecko' });
    expect(parseMarketSpec('replay:fixtures/a b.json')).toEqual({ kind: 'replay', file: 'fixtures/a b.json' });
    expect(parseMarketSpec('replay:C:\\data\\x.json')).toEqual({ kind: 'replay', file: 'C:\\data\\x.json' });
  });

  it.each(['', 'live', 'replay:', 'model:42', 'coingecko:key'])('rejects %j listing the valid forms', (spec) => {
    expect(() => parseMarketSpec(spec)).toThrow(MarketSpecError);
    expect(() => parseMarketSpec(spec)).toThrow(/Valid forms: "model" .*"coingecko" .*"replay:FILE"/);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores junk', () => {
    expect(parseRetryAfter('12', 0)).toBe(12_000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('openMarket', () => {
  it('model: no source (the mock builds its own); replay: a source and the recording span', async () => {
    expect((await openMarket('model', { seed: 1 })).market).toBeUndefined();
    const replay = await openMarket(`replay:${SAMPLE}`, { seed: 1 });
    expect(replay.span).toEqual({ from: Date.UTC(2025, 10, 1), to: Date.UTC(2025, 10, 5) });
    expect(replay.describe).toMatch(/replay of .*sample-2025-11\.json \(4 coins, 2025-11-01T00:00:00\.000Z … 2025-11-05T00:00:00\.000Z\)/);
    await expect(openMarket('replay:/nonexistent.json', { seed: 1 })).rejects.toThrow(/nonexistent\.json is not a valid market replay file/);
  });

  it('coingecko: started and ready, or a rejection saying how to run offline', async () => {
    nock.disableNetConnect();
    const time = virtualTime();
    mockFullRefresh();
    const opened = await openMarket('coingecko', { seed: 1, coingecko: { coins: ['bitcoin', 'ethereum'], now: time.now, sleep: time.sleep } });
    expect(opened.market?.price('BTC', time.now())).toBeGreaterThan(0);
    opened.close();
    nock(HOST).get('/api/v3/coins/markets').query(true).replyWithError('offline');
    await expect(openMarket('coingecko', { seed: 1, coingecko: { coins: ['bitcoin'], readyTimeoutMs: 50, now: time.now, sleep: time.sleep } }))
      .rejects.toThrow(/--market model/);
  });
});

describe('the mock exchange on a replay market', () => {
  it('serves the replayed prices through /market, /orderbook and /candles, conforming to the spec', async () => {
    const { market } = await openMarket(`replay:${SAMPLE}`, { seed: 42 });
    const mock = createTestMock({ market, clock: 'virtual:2025-11-02T06:30:00Z' });
    const agent = await mock.register();
    const t = Date.parse('2025-11-02T06:30:00Z');
    const res = await mock.call('GET', '/market?coins=BTC,ETH', { as: agent });
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: { price: number }) => d.price)).toEqual([market!.price('BTC', t), market!.price('ETH', t)]);
    expect((await mock.call('GET', '/market/SOL/orderbook', { as: agent })).status).toBe(200);
    expect((await mock.call('GET', '/market/DOGE/candles?interval=1h&limit=24', { as: agent })).status).toBe(200);
  });
});

describe('CLI glue', () => {
  // addCommand() does not pass the parent's output settings on: each command gets its own, so a
  // usage error is captured here instead of landing in the test run's output.
  const program = (onExit: (code: number) => void, writeErr: (text: string) => void = () => {}) =>
    new Command('nx').exitOverride().configureOutput({ writeErr })
      .addCommand(recordMarketCommand(onExit))
      .addCommand(new Command('mock').exitOverride().configureOutput({ writeErr }).addOption(marketOption()).action(() => onExit(0)));

  it('--market rejects a bad spec as a usage error listing the forms, and defaults to model', async () => {
    const errors: string[] = [];
    await expect(program(() => {}, (t) => errors.push(t)).parseAsync(['mock', '--market', 'live'], { from: 'user' })).rejects.toThrow(/Valid forms/);
    expect(errors.join('')).toMatch(/^error: option '--market <spec>' argument 'live' is invalid\. Unknown market "live"\. Valid forms/);
    const p = program(() => {});
    await p.parseAsync(['mock'], { from: 'user' });
    expect(p.commands[1]!.opts().market).toBe('model');
  });

  it('record-market writes the file and exits 0; a failure exits 1', async () => {
    nock.disableNetConnect();
    const out = join(mkdtempSync(join(tmpdir(), 'cli-record-')), 'r.json');
    nock(HOST).get('/api/v3/coins/bitcoin/market_chart').query({ vs_currency: 'usd', days: '2' }).reply(200, CHART.bitcoin);
    const codes: number[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program((c) => codes.push(c)).parseAsync(['record-market', '--out', out, '--coins', 'bitcoin', '--days', '2'], { from: 'user' });
      expect((await loadReplayFile(out)).coins[0]!.points).toHaveLength(CHART.bitcoin!.prices.length);
      expect(String(stdout.mock.calls.at(-1)![0])).toMatch(/--market replay:.*r\.json --clock virtual:2025-11-04T12:00:00\.857Z/);
      nock(HOST).get('/api/v3/coins/bitcoin/market_chart').query(true).reply(401, { status: { error_code: 10002, error_message: 'API key missing' } });
      await program((c) => codes.push(c)).parseAsync(['record-market', '--out', out, '--coins', 'bitcoin', '--days', '2'], { from: 'user' });
      expect(String(stderr.mock.calls.at(-1)![0])).toMatch(/^record-market: GET \/coins\/bitcoin\/market_chart: HTTP 401 .*API key missing/);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(codes).toEqual([0, 1]);
  });
});
