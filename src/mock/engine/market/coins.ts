// The coins the model trades. Reference prices, supplies and volumes are rounded late-2025 market
// figures; volatilities are typical annualised realised vols. Tick and lot sizes follow common
// spot-exchange conventions so prices/quantities look like real venue data.
import { EngineError } from '../errors.js';
import type { CoinSpec } from '../types.js';

const coin = (
  id: string, symbol: string, name: string, startPrice: number, volatility: number,
  tickSize: number, lotSize: number, supply: number, baseVolume24h: number,
): CoinSpec => ({ id, symbol, name, startPrice, volatility, tickSize, lotSize, minQuantity: lotSize, supply, baseVolume24h });

export const DEFAULT_COINS: readonly CoinSpec[] = Object.freeze([
  coin('bitcoin', 'BTC', 'Bitcoin', 95_000, 0.55, 0.01, 0.00001, 19_950_000, 45e9),
  coin('ethereum', 'ETH', 'Ethereum', 3_500, 0.7, 0.01, 0.0001, 120_700_000, 25e9),
  coin('solana', 'SOL', 'Solana', 180, 0.85, 0.01, 0.001, 555_000_000, 5e9),
  coin('binancecoin', 'BNB', 'BNB', 950, 0.55, 0.01, 0.001, 139_000_000, 2e9),
  coin('ripple', 'XRP', 'XRP', 2.4, 0.85, 0.0001, 0.1, 60_100_000_000, 4e9),
  coin('cardano', 'ADA', 'Cardano', 0.65, 0.9, 0.0001, 1, 36_500_000_000, 8e8),
  coin('dogecoin', 'DOGE', 'Dogecoin', 0.2, 0.95, 0.00001, 1, 151_000_000_000, 1.8e9),
  coin('avalanche-2', 'AVAX', 'Avalanche', 20, 0.95, 0.001, 0.01, 427_000_000, 6e8),
  coin('chainlink', 'LINK', 'Chainlink', 16, 0.9, 0.001, 0.01, 678_000_000, 7e8),
  coin('polkadot', 'DOT', 'Polkadot', 3.2, 0.9, 0.0001, 0.1, 1_600_000_000, 3e8),
  coin('litecoin', 'LTC', 'Litecoin', 100, 0.75, 0.01, 0.001, 76_500_000, 6e8),
  coin('tron', 'TRX', 'TRON', 0.29, 0.5, 0.00001, 1, 94_700_000_000, 7e8),
  coin('stellar', 'XLM', 'Stellar', 0.28, 0.85, 0.00001, 1, 32_000_000_000, 3e8),
  // SHIB keeps the tiny-price path (9 decimals) exercised.
  coin('shiba-inu', 'SHIB', 'Shiba Inu', 0.0000095, 0.95, 0.000000001, 1000, 589_000_000_000_000, 2.5e8),
]);

/** A coin was asked for by a symbol/id the market does not list (an EngineError, so HTTP maps it to 400 unknown_symbol). */
export class UnknownCoinError extends EngineError {
  constructor(readonly symbolOrId: string) {
    super('unknown_symbol', `Unknown coin "${symbolOrId}"`, { symbol: symbolOrId });
  }
}

/** Case-insensitive lookup by id or symbol, returning the coin and its index in the list. */
export function createCoinIndex(coins: readonly CoinSpec[]): (symbolOrId: string) => { coin: CoinSpec; index: number } | undefined {
  const byKey = new Map<string, { coin: CoinSpec; index: number }>();
  coins.forEach((c, index) => {
    byKey.set(c.id.toLowerCase(), { coin: c, index });
    byKey.set(c.symbol.toLowerCase(), { coin: c, index });
  });
  return (symbolOrId) => byKey.get(symbolOrId.toLowerCase());
}
