// Generates the synthetic market fixtures (there is no network in CI, so nothing is really
// recorded): fixtures/market/sample-2025-11.json (a replay file: 4 coins, 4 days, hourly) and
// fixtures/market/coingecko/*.json (answers in CoinGecko's response shape). A seeded geometric
// random walk at each coin's model volatility gives a plausible path. Re-run after changing it:
//   npx tsx test/market-sources/make-sample.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_COINS } from '../../src/mock/engine/market/index.js';
import { roundToStep } from '../../src/mock/engine/market/grid.js';
import { createRng } from '../../src/mock/engine/random.js';
import type { CoinSpec } from '../../src/mock/engine/types.js';
import { REPLAY_FORMAT, formatReplayFile, parseReplayFile } from '../../src/market-sources/replay-file.js';

const HOUR = 3_600_000;
const YEAR = 365.25 * 24 * HOUR;
const root = fileURLToPath(new URL('../../fixtures/market/', import.meta.url));
const coin = (id: string): CoinSpec => DEFAULT_COINS.find((c) => c.id === id)!;

/** n points from `start`, `step` apart (± jitter ms), log-returns N(0, vol² dt), volumes ±20 %. */
function walk(spec: CoinSpec, seed: string, start: number, step: number, n: number, jitter = 0): [number, number, number][] {
  const rng = createRng(seed);
  const sd = spec.volatility * Math.sqrt(step / YEAR);
  let logP = Math.log(spec.startPrice);
  const out: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) logP += sd * rng.normal();
    const t = start + i * step + (jitter ? rng.int(0, jitter) : 0);
    out.push([t, Math.exp(logP), spec.baseVolume24h * (0.8 + 0.4 * rng.next())]);
  }
  return out;
}

// 1. The replay sample: 4 coins × 97 hourly points (2025-11-01T00:00Z … 2025-11-05T00:00Z).
const sampleCoins = ['bitcoin', 'ethereum', 'solana', 'dogecoin'].map(coin);
const sample = parseReplayFile({
  format: REPLAY_FORMAT,
  source: 'synthetic',
  note: 'Synthetic (seeded random walk) in the shape record-market writes from CoinGecko; see fixtures/market/README.md',
  coins: sampleCoins.map((c) => ({
    id: c.id, symbol: c.symbol, name: c.name, tickSize: c.tickSize, lotSize: c.lotSize, supply: c.supply, volatility: c.volatility,
    points: walk(c, `sample:${c.id}`, Date.UTC(2025, 10, 1), HOUR, 97).map(([t, p, v]) => [t, roundToStep(p, c.tickSize), Math.round(v)]),
  })),
});
mkdirSync(`${root}coingecko`, { recursive: true });
writeFileSync(`${root}sample-2025-11.json`, formatReplayFile(sample));

// 2. CoinGecko answers for bitcoin and ethereum: 24 h of ~5-minute points ending at 12:00Z,
//    and a /coins/markets quote updated 90 s later, as the live API returns them.
const END = Date.UTC(2025, 10, 5, 12);
const UPDATED = END + 90_000;
const rows = ['bitcoin', 'ethereum'].map((id) => {
  const c = coin(id);
  const pts = walk(c, `cg:${id}`, END - 24 * HOUR, 5 * 60_000, 289, 900);
  pts[pts.length - 1]![0] = END; // the last chart point is "now"
  const prices = pts.map(([t, p]) => [t, Number(p.toPrecision(10))]);
  writeFileSync(`${root}coingecko/market-chart-${id}.json`, `${JSON.stringify({
    prices,
    market_caps: pts.map(([t, p]) => [t, Math.round(p * c.supply * 1000) / 1000]),
    total_volumes: pts.map(([t, , v]) => [t, Math.round(v * 1000) / 1000]),
  })}\n`);
  const last = prices[prices.length - 1]![1]!;
  const current = Number((last * 1.0004).toFixed(2));
  const values = prices.map(([, p]) => p!);
  const first = values[0]!;
  return {
    id, symbol: c.symbol.toLowerCase(), name: c.name, image: `https://coin-images.coingecko.com/coins/images/1/large/${id}.png`,
    current_price: current, market_cap: Math.round(current * c.supply), market_cap_rank: id === 'bitcoin' ? 1 : 2,
    fully_diluted_valuation: Math.round(current * c.supply * 1.05), total_volume: Math.round(c.baseVolume24h),
    high_24h: Number((Math.max(...values) * 1.002).toFixed(2)), low_24h: Number((Math.min(...values) * 0.998).toFixed(2)),
    price_change_24h: Number((current - first).toFixed(6)), price_change_percentage_24h: Number((((current - first) / first) * 100).toFixed(5)),
    market_cap_change_24h: Math.round((current - first) * c.supply), market_cap_change_percentage_24h: Number((((current - first) / first) * 100).toFixed(5)),
    circulating_supply: c.supply, total_supply: c.supply, max_supply: id === 'bitcoin' ? 21_000_000 : null,
    ath: Number((c.startPrice * 1.3).toFixed(2)), ath_change_percentage: -23.1, ath_date: '2025-10-06T18:57:42.558Z',
    atl: Number((c.startPrice * 0.001).toFixed(2)), atl_change_percentage: 99_900.5, atl_date: '2015-10-20T00:00:00.000Z',
    roi: null, last_updated: new Date(UPDATED).toISOString(),
  };
});
writeFileSync(`${root}coingecko/markets.json`, `${JSON.stringify(rows, null, 2)}\n`);
process.stdout.write(`wrote ${root}sample-2025-11.json and ${root}coingecko/\n`);
