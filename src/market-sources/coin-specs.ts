// Which coins a live or recorded source trades. Tick/lot sizes, supplies and volumes come from the
// model's coin table when the coin is in it (so books and rounding look the same as with
// --market model); other coins get sizes derived from their price.
import type { CoinSpec } from '../mock/engine/types.js';
import { DEFAULT_COINS } from '../mock/engine/market/index.js';

/** A coin by CoinGecko id or ticker from the default table, or undefined. */
export function knownCoin(idOrSymbol: string): CoinSpec | undefined {
  const key = idOrSymbol.toLowerCase();
  return DEFAULT_COINS.find((c) => c.id === key || c.symbol.toLowerCase() === key);
}

/** CoinSpecs as given, ids/tickers looked up in the default table; unknown names fail listing the known ones. */
export function resolveCoins(coins: readonly (CoinSpec | string)[] | undefined): CoinSpec[] {
  if (coins === undefined) return [...DEFAULT_COINS];
  if (coins.length === 0) throw new RangeError('coins must list at least one coin');
  return coins.map((c) => {
    if (typeof c !== 'string') return c;
    const hit = knownCoin(c);
    if (!hit) {
      throw new RangeError(`Unknown coin "${c}": use one of ${DEFAULT_COINS.map((d) => d.id).join(', ')}, or pass a full CoinSpec`);
    }
    return hit;
  });
}

/** 10^floor(log10(x)): the power of ten at or below x. */
const decade = (x: number): number => 10 ** Math.floor(Math.log10(x) + 1e-12);

/** The engine's rounding (grid.ts decimalsOf) resolves steps down to 1e-9, as SHIB's tick in the table. */
export const MIN_STEP = 1e-9;

/**
 * Sizes for a coin outside the table: a tick of about 6 significant digits of its price (never
 * below MIN_STEP) and a lot worth at most about one dollar (BTC at 95 000 gets 0.01 and 0.00001, like the table).
 */
export function deriveCoinSpec(id: string, symbol: string, name: string, price: number, supply: number, volume24h: number): CoinSpec {
  const tickSize = Math.min(1, Math.max(MIN_STEP, decade(price) / 1e6));
  const lotSize = Math.max(MIN_STEP, decade(1 / price));
  return {
    id,
    symbol: symbol.toUpperCase(),
    name,
    startPrice: price,
    volatility: 0.8,
    tickSize: Number(tickSize.toPrecision(1)),
    lotSize: Number(lotSize.toPrecision(1)),
    minQuantity: Number(lotSize.toPrecision(1)),
    supply,
    baseVolume24h: volume24h,
  };
}
