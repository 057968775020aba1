// Replays a recorded market (a replay file, see replay-file.ts) as a MarketSource. Prices follow
// the recorded points, interpolated linearly in log price (series.ts explains why), and hold the
// first price before the recording and the last price after it. The seed only keys the synthetic
// order book, so two replays of one file with one seed are identical.
import type { CoinSpec, EpochMs } from '../mock/engine/types.js';
import { createSeriesMarket, type SeriesMarket } from './series-market.js';
import { buildSeries, realisedVolatility, type Series } from './series.js';
import { parseReplayFile, type ReplayCoin, type ReplayFile } from './replay-file.js';

export { loadReplayFile, parseReplayFile, ReplayFileError, REPLAY_FORMAT, type ReplayFile, type ReplayCoin } from './replay-file.js';

export interface ReplayMarketOptions {
  /** A replay file's content (validated again here, so hand-built objects get the same errors). */
  series: ReplayFile;
  seed: number | string;
}

/** When a recording has no volumes: a turnover of 3 % of market cap a day, or 100 M USD without a supply. */
const FALLBACK_TURNOVER = 0.03;

/** The CoinSpec the engine needs, with the fields a recording lacks derived from its points. */
export function coinSpecOf(coin: ReplayCoin, s: Series): CoinSpec {
  const first = s.prices[0]!;
  const volumes = s.volumes;
  const meanVolume = volumes.length ? volumes.reduce((a, b) => a + b, 0) / volumes.length : 0;
  return {
    id: coin.id,
    symbol: coin.symbol.toUpperCase(),
    name: coin.name,
    startPrice: first,
    volatility: coin.volatility ?? realisedVolatility(s),
    tickSize: coin.tickSize,
    lotSize: coin.lotSize,
    minQuantity: coin.lotSize,
    supply: coin.supply,
    baseVolume24h: meanVolume > 0 ? meanVolume : first * coin.supply * FALLBACK_TURNOVER || 1e8,
  };
}

export function createReplayMarket(options: ReplayMarketOptions): SeriesMarket {
  const file = parseReplayFile(options.series);
  const series = file.coins.map((c) => buildSeries(c.points));
  const coins = file.coins.map((c, i) => coinSpecOf(c, series[i]!));
  return createSeriesMarket(coins, (index) => series[index]!, options.seed);
}

/** First and last recorded instants over all coins, e.g. to start a virtual clock at the recording. */
export function replaySpan(file: ReplayFile): { from: EpochMs; to: EpochMs } {
  const firsts = file.coins.map((c) => c.points[0]![0]);
  const lasts = file.coins.map((c) => c.points[c.points.length - 1]![0]);
  return { from: Math.min(...firsts), to: Math.max(...lasts) };
}
