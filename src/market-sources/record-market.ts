// `record-market`: fetch N days of CoinGecko history per coin and write a replay file, so a
// session seen once online can be replayed offline and deterministically (--market replay:FILE).
// Prices are rounded to each coin's tick before writing, so the replay serves exactly the
// recorded values at the recorded times.
import { writeFile } from 'node:fs/promises';
import type { CoinSpec, EpochMs } from '../mock/engine/types.js';
import { roundToStep } from '../mock/engine/market/grid.js';
import { CoinGeckoError, chartPoints, createCoinGeckoClient, type CoinGeckoClient, type CoinGeckoClientOptions } from './coingecko-api.js';
import { deriveCoinSpec, knownCoin } from './coin-specs.js';
import { REPLAY_FORMAT, formatReplayFile, parseReplayFile, type ReplayCoin, type ReplayFile } from './replay-file.js';

export interface RecordMarketOptions extends CoinGeckoClientOptions {
  /** CoinGecko ids or tickers from the model's table (their tick/lot sizes are reused), or CoinSpecs. */
  coins: readonly (string | CoinSpec)[];
  /** Days of history: 1 gives 5-minute points, 2–90 hourly, more daily (CoinGecko's granularity). */
  days: number;
  /** Where to write the replay file. */
  out: string;
  /** Attempts per call on 429, 5xx and network errors (the pacer spaces them out); default 4. */
  attempts?: number;
  log?: (line: string) => void;
}

const RETRYABLE = new Set(['rate-limited', 'server', 'network']);

type Retry = <T>(call: () => Promise<T>) => Promise<T>;

/** Retries 429s, 5xx and network errors, saying so each time (the pacer spaces the attempts). */
const retrying = (attempts: number, log: (line: string) => void): Retry => async (call) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof CoinGeckoError) || !RETRYABLE.has(error.kind) || attempt >= attempts) throw error;
      log(`record-market: ${error.message}; trying again (attempt ${attempt + 1} of ${attempts})`);
    }
  }
};

/** Table coins keep their sizes; others are sized from one /coins/markets call (symbol, name, supply, price). */
async function specsFor(client: CoinGeckoClient, coins: readonly (string | CoinSpec)[], withRetries: Retry): Promise<CoinSpec[]> {
  const unknown = coins.filter((c): c is string => typeof c === 'string' && !knownCoin(c)).map((c) => c.toLowerCase());
  const rows = unknown.length ? await withRetries(() => client.markets(unknown)) : [];
  return coins.map((c) => {
    if (typeof c !== 'string') return c;
    const known = knownCoin(c);
    if (known) return known;
    const row = rows.find((r) => r.id === c.toLowerCase());
    const price = row?.current_price;
    if (!row || !price || price <= 0) throw new Error(`CoinGecko does not know the coin id "${c}" (ids look like "bitcoin", see /coins/list)`);
    const supply = row.circulating_supply ?? (row.market_cap ?? 0) / price;
    return deriveCoinSpec(row.id, row.symbol, row.name, price, supply, row.total_volume ?? 0);
  });
}

export async function recordMarket(options: RecordMarketOptions): Promise<ReplayFile> {
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 365) {
    throw new RangeError(`days must be an integer in 1..365 (the free API's history limit), got ${options.days}`);
  }
  const now: () => EpochMs = options.now ?? (() => Date.now());
  const log = options.log ?? (() => {});
  const withRetries = retrying(options.attempts ?? 4, log);
  const client = createCoinGeckoClient({ ...options, now });
  const specs = await specsFor(client, options.coins, withRetries);
  const coins: ReplayCoin[] = [];
  for (const spec of specs) {
    const chart = await withRetries(() => client.chart(spec.id, options.days));
    const points = chartPoints(chart).map(([t, p, v]): [number, number, number?] =>
      v === undefined ? [Math.round(t), roundToStep(p, spec.tickSize)] : [Math.round(t), roundToStep(p, spec.tickSize), Math.round(v)]);
    if (points.length === 0) throw new Error(`CoinGecko returned no prices for ${spec.id}`);
    log(`record-market: ${spec.id}: ${points.length} points`);
    coins.push({ id: spec.id, symbol: spec.symbol, name: spec.name, tickSize: spec.tickSize, lotSize: spec.lotSize, supply: spec.supply, volatility: spec.volatility, points });
  }
  // Validate before writing, so a file that was written always loads.
  const file = parseReplayFile({
    format: REPLAY_FORMAT,
    source: 'coingecko',
    recordedAt: new Date(now()).toISOString(),
    note: `market_chart vs_currency=usd days=${options.days}; prices rounded to each coin's tick`,
    coins,
  }, 'recorded data');
  await writeFile(options.out, formatReplayFile(file));
  log(`record-market: wrote ${coins.length} coins to ${options.out}`);
  return file;
}
