// Market sources other than the seeded model: replay of a recorded file, live CoinGecko prices,
// and the recorder that writes replay files.
export { createReplayMarket, coinSpecOf, replaySpan, type ReplayMarketOptions } from './replay-market.js';
export { loadReplayFile, parseReplayFile, formatReplayFile, ReplayFileError, REPLAY_FORMAT, replayFileSchema, type ReplayFile, type ReplayCoin } from './replay-file.js';
export { createCoinGeckoMarket, type CoinGeckoMarket, type CoinGeckoMarketOptions } from './coingecko-market.js';
export { createCoinGeckoClient, CoinGeckoError, COINGECKO_BASE_URL, DEFAULT_MIN_INTERVAL_MS, type CoinGeckoClient, type CoinGeckoClientOptions, type FailureKind } from './coingecko-api.js';
export { recordMarket, type RecordMarketOptions } from './record-market.js';
export { parseMarketSpec, MarketSpecError, MARKET_SPEC_FORMS, type MarketSpec } from './parse-market-spec.js';
export { openMarket, type OpenMarketOptions, type OpenedMarket } from './open-market.js';
export { RequestPacer, parseRetryAfter, realSleep, BACKOFF_START_MS, BACKOFF_MAX_MS, type Sleep } from './request-pacer.js';
export { createSeriesMarket, type SeriesMarket } from './series-market.js';
export { buildSeries, priceAt, rangeOf, type RecordedPoint, type Series } from './series.js';
export { resolveCoins, deriveCoinSpec } from './coin-specs.js';
export { marketOption, recordMarketCommand } from './cli.js';
