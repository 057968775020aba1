// Order and account shapes. `*State` types are the engine's mutable internals; `*View` types are
// the copies handed to callers (so nobody outside can mutate engine state through a reference).
import type { EpochMs } from '../types.js';

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';
export type OrderStatus = 'open' | 'partially_filled' | 'filled' | 'canceled' | 'rejected' | 'expired';
export type Liquidity = 'taker' | 'maker';

export interface PlaceOrderInput {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  price?: number | null;
  clientOrderId?: string | null;
}

export interface ModifyOrderInput {
  /** New TOTAL quantity (filled + remaining); must exceed what already filled. */
  quantity?: number | null;
  price?: number | null;
}

export interface ListOrdersQuery {
  status?: readonly OrderStatus[];
  symbol?: string;
  /** 1..100, default 50. */
  limit?: number;
  cursor?: string | null;
}

export interface FillView {
  fillId: string;
  price: number;
  quantity: number;
  fee: number;
  liquidity: Liquidity;
  timestamp: EpochMs;
}

export interface OrderView {
  orderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  price: number | null;
  status: OrderStatus;
  filledQuantity: number;
  remainingQuantity: number;
  avgFillPrice: number | null;
  fees: number;
  fills: FillView[];
  rejectReason: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

/** The normalised parameters an order was first placed with, for idempotent replays. */
export interface OrderRequest {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  price: number | null;
}

export interface OrderState {
  orderId: string;
  agentId: string;
  /** Global creation sequence: the tie-breaker for "in order of creation". */
  seq: number;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  price: number | null;
  /** Decimals of the coin's lot, so quantities can be re-rounded without a coin lookup. */
  qtyDecimals: number;
  status: OrderStatus;
  filledQuantity: number;
  /** Σ price × quantity over fills, for the average fill price. */
  filledNotional: number;
  fees: number;
  fills: FillView[];
  /** Cash held back for a resting buy (0 otherwise); stored so release is exact. */
  reserved: number;
  rejectReason: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  /** The normalised parameters it was placed with, kept only when a clientOrderId may replay it. */
  request: OrderRequest | null;
}

export interface PositionState {
  /** Signed: negative only when shorting is allowed. */
  quantity: number;
  avgPrice: number;
  realizedPnl: number;
}

export interface PositionView {
  symbol: string;
  quantity: number;
  avgPrice: number;
  marketPrice: number;
  marketValue: number;
  unrealizedPnl: number;
  realizedPnl: number;
}

/** Open orders are the only ones that rest, reserve, and can be modified or canceled. */
export function isOpen(order: Pick<OrderState, 'status'>): boolean {
  return order.status === 'open' || order.status === 'partially_filled';
}
