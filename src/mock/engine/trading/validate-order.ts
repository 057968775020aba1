// Input validation for orders. Pure: every check here runs before any state is touched.
import { EngineError } from '../errors.js';
import type { CoinSpec, MarketSource } from '../types.js';
import { snapToGrid } from './round.js';
import type { OrderSide, OrderType } from './types.js';

const CLIENT_ORDER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function resolveCoin(market: MarketSource, symbol: unknown): CoinSpec {
  const coin = typeof symbol === 'string' && symbol.length > 0 ? market.coin(symbol) : undefined;
  if (!coin) {
    const known = market.coins().map((c) => c.symbol).join(', ');
    throw new EngineError('unknown_symbol', `Unknown symbol ${JSON.stringify(symbol)}. Use one of: ${known}.`, {
      symbol,
    });
  }
  return coin;
}

export function validateSide(side: unknown): OrderSide {
  if (side === 'buy' || side === 'sell') return side;
  throw new EngineError('invalid_request', `side must be "buy" or "sell", got ${JSON.stringify(side)}.`);
}

export function validateType(type: unknown): OrderType {
  if (type === 'market' || type === 'limit') return type;
  throw new EngineError('invalid_request', `type must be "market" or "limit", got ${JSON.stringify(type)}.`);
}

/** A positive multiple of the lot, ≥ minQuantity; returned snapped to the lot's decimals. */
export function normalizeQuantity(coin: CoinSpec, quantity: unknown): number {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) {
    throw new EngineError('invalid_quantity', `quantity must be a finite number > 0, got ${String(quantity)}.`);
  }
  const snapped = snapToGrid(quantity, coin.lotSize);
  if (snapped === null) {
    throw new EngineError(
      'invalid_quantity',
      `quantity ${quantity} is not a multiple of the ${coin.symbol} lot size ${coin.lotSize}.`,
      { lotSize: coin.lotSize },
    );
  }
  if (snapped < coin.minQuantity) {
    throw new EngineError(
      'invalid_quantity',
      `quantity ${quantity} is below the ${coin.symbol} minimum of ${coin.minQuantity}.`,
      { minQuantity: coin.minQuantity },
    );
  }
  return snapped;
}

/** A finite price > 0 on the tick grid; returned snapped to the tick's decimals. */
export function normalizePrice(coin: CoinSpec, price: unknown): number {
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) {
    throw new EngineError('invalid_price', `Limit orders need a finite price > 0, got ${String(price)}.`);
  }
  const snapped = snapToGrid(price, coin.tickSize);
  if (snapped === null || snapped <= 0) {
    throw new EngineError(
      'invalid_price',
      `price ${price} is not on the ${coin.symbol} tick grid; use a multiple of ${coin.tickSize}.`,
      { tickSize: coin.tickSize },
    );
  }
  return snapped;
}

/** Market orders execute at the book: a price would be silently meaningless, so it's an error. */
export function rejectMarketPrice(price: unknown): void {
  if (price !== undefined && price !== null) {
    throw new EngineError(
      'invalid_price',
      'Market orders take no price; omit price (or send null), or use type "limit" to set one.',
    );
  }
}

export function validateClientOrderId(id: unknown): string | null {
  if (id === undefined || id === null) return null;
  if (typeof id === 'string' && CLIENT_ORDER_ID.test(id)) return id;
  throw new EngineError(
    'invalid_client_order_id',
    'clientOrderId must be 1-64 characters from A-Z a-z 0-9 . _ : - .',
  );
}
