// The market model's public surface.
export { DEFAULT_COINS, UnknownCoinError } from './coins.js';
export { createModelMarket, type ModelMarket, type ModelMarketOptions } from './create-model-market.js';
export { createOverridableMarket, type OverridableMarket, type PriceOverride } from './overrides.js';
export { INTERVAL_MS, MAX_CANDLES, MAX_DEPTH, isCandleInterval } from './candles.js';
export { EPOCH as MODEL_EPOCH } from './grid.js';
