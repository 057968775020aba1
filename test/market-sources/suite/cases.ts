// The four market sources the shared suite covers, each with what it does not promise (and why).
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { MODEL_EPOCH, createModelMarket, createOverridableMarket } from '../../../src/mock/engine/market/index.js';
import { DAY, HOUR } from '../../../src/mock/engine/market/grid.js';
import { createCoinGeckoMarket, createReplayMarket, parseReplayFile, replaySpan, type CoinGeckoMarket } from '../../../src/market-sources/index.js';
import type { ModelMarket } from '../../../src/mock/engine/market/index.js';
import type { MarketSource } from '../../../src/mock/engine/types.js';
import { CHART, HOST, UPDATED, mockFullRefresh, virtualTime } from '../coingecko-support.js';
import type { MarketSourceCase } from './types.js';

const COMPUTED = 'computed from its seed for any instant: no series ends';
const NEVER_STALE = 'offline data that cannot go stale';

export const modelCase: MarketSourceCase<ModelMarket> = {
  name: 'the seeded model',
  create: (seed) => createModelMarket({ seed }),
  // Half a year around the epoch: model-market.test.ts covers years either side; ranges over
  // years here would only slow the suite down.
  span: { from: MODEL_EPOCH - 90 * DAY, to: MODEL_EPOCH + 90 * DAY },
  skip: { ends: COMPUTED, staleness: NEVER_STALE },
};

/** Pins and shifts around T0 make jumps in the path: every invariant must hold across them. */
const T0 = Date.UTC(2026, 0, 5, 12);
export const overridableCase: MarketSourceCase = {
  name: 'the model under price overrides',
  create: (seed) => {
    const m = createOverridableMarket(createModelMarket({ seed }));
    m.shift('SOL', -40, T0 - 7 * DAY);
    m.shift('BTC', 25, T0 - DAY + 17_000);
    m.pin('ETH', 2_500, T0);
    m.shift('ETH', -5, T0 + 3 * HOUR);
    return m;
  },
  span: { from: T0 - 30 * DAY, to: T0 + 30 * DAY },
  skip: { ends: COMPUTED, staleness: NEVER_STALE },
};

const SAMPLE = new URL('../../../fixtures/market/sample-2025-11.json', import.meta.url);
const sample = parseReplayFile(JSON.parse(readFileSync(SAMPLE, 'utf8')));
const recorded = replaySpan(sample);
export const replayCase: MarketSourceCase = {
  name: 'replay of fixtures/market/sample-2025-11.json',
  create: (seed) => createReplayMarket({ series: sample, seed }),
  span: { from: recorded.from - 2 * DAY, to: recorded.to + 2 * DAY },
  ends: (_m, symbol) => {
    const points = sample.coins.find((c) => c.symbol.toUpperCase() === symbol)!.points;
    return { first: points[0]![0], last: points.at(-1)![0] };
  },
  skip: { staleness: 'a recording is fixed data: it cannot go stale' },
};

/** CoinGecko through nock: its recorded answers (fixtures/market/coingecko), on virtual time. */
export const coinGeckoCase: MarketSourceCase<CoinGeckoMarket> = {
  name: 'CoinGecko (recorded answers through nock)',
  create: async (seed) => {
    const time = virtualTime();
    const m = createCoinGeckoMarket({ coins: ['bitcoin', 'ethereum'], seed, now: time.now, sleep: time.sleep, chartRefreshMs: DAY, log: () => {} });
    mockFullRefresh();
    if (!(await m.refresh())) throw new Error('the recorded CoinGecko answers should refresh the market');
    return m;
  },
  span: { from: CHART.bitcoin!.prices[0]![0] - 2 * DAY, to: UPDATED + 2 * DAY },
  ends: (m, symbol) => ({ first: CHART[m.coin(symbol)!.id]!.prices[0]![0], last: UPDATED }),
  goStale: async (m) => {
    nock(HOST).get('/api/v3/coins/markets').query(true).reply(503, 'Service Unavailable');
    await m.refresh();
  },
  skip: {
    'ticker-from-path': "from the latest quote on, change24h, volume24h and marketCap are CoinGecko's own 24 h figures and its high/low only widen the path's (coingecko-market.test.ts checks those)",
  },
};

export const ALL_CASES: MarketSourceCase<MarketSource>[] = [modelCase, overridableCase, replayCase, coinGeckoCase];
