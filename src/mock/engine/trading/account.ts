// Per-agent money and exposure: cash, reservations for resting buys, positions, and the remaining
// quantity of open orders per symbol and side (kept incrementally so sell checks and the position
// limit are O(1) instead of a scan over the agent's orders).
import type { EpochMs } from '../types.js';
import type { DailyLossLatch } from '../risk/types.js';
import { noteOrder } from '../state/change-journal.js';
import type { OrderRef } from '../state/order-archive.js';
import type { EngineContext } from './context.js';
import { buyCost } from './costs.js';
import { roundMoney, roundTo } from './round.js';
import type { OrderSide, OrderState, PositionState } from './types.js';

export interface AccountState {
  agentId: string;
  cash: number;
  /** Σ reserved over the agent's open buy orders (reserved cash is still part of cash). */
  reservedCash: number;
  /** Keyed by ticker; a position that returns to 0 is deleted. */
  positions: Map<string, PositionState>;
  /** Σ realised P&L, kept even after positions close (positions carry their own share). */
  realizedPnl: number;
  openBuyQty: Map<string, number>;
  openSellQty: Map<string, number>;
  /** All of the agent's orders in creation order (append-only: cursors index into it). */
  orders: OrderRef[];
  clientOrders: Map<string, OrderRef>;
  dailyLossLimit: number | null;
  maxPositionSize: number | null;
  /** 00:00 UTC of the current trading day and the equity marked then. */
  dayStart: EpochMs;
  dayStartEquity: number;
  dailyLoss: DailyLossLatch;
}

export function createAccount(
  agentId: string,
  cash: number,
  dayStart: EpochMs,
  limits: { dailyLossLimit: number | null; maxPositionSize: number | null },
): AccountState {
  return {
    agentId,
    cash: roundMoney(cash),
    reservedCash: 0,
    positions: new Map(),
    realizedPnl: 0,
    openBuyQty: new Map(),
    openSellQty: new Map(),
    orders: [],
    clientOrders: new Map(),
    dailyLossLimit: limits.dailyLossLimit,
    maxPositionSize: limits.maxPositionSize,
    dayStart,
    dayStartEquity: roundMoney(cash),
    dailyLoss: { tripped: false, trippedAt: null, resetsAt: null },
  };
}

export function availableCash(account: AccountState): number {
  return roundMoney(account.cash - account.reservedCash);
}

export function positionQty(account: AccountState, symbol: string): number {
  return account.positions.get(symbol)?.quantity ?? 0;
}

export function openQty(account: AccountState, symbol: string, side: OrderSide): number {
  return (side === 'buy' ? account.openBuyQty : account.openSellQty).get(symbol) ?? 0;
}

export function remainingOf(order: OrderState): number {
  return roundTo(order.quantity - order.filledQuantity, order.qtyDecimals);
}

function addOpenQty(account: AccountState, order: OrderState, delta: number): void {
  const map = order.side === 'buy' ? account.openBuyQty : account.openSellQty;
  const next = roundTo((map.get(order.symbol) ?? 0) + delta, order.qtyDecimals);
  if (next <= 0) map.delete(order.symbol);
  else map.set(order.symbol, next);
}

/**
 * Makes an order rest: reserves cash for a buy (remaining × limit incl. fee, exactly what the fill
 * will cost), counts its remaining quantity as committed, and indexes it for settle().
 */
export function rest(ctx: EngineContext, account: AccountState, order: OrderState): void {
  const remaining = remainingOf(order);
  order.reserved = order.side === 'buy' ? buyCost(order.price ?? 0, remaining, ctx.config.feeBps) : 0;
  account.reservedCash = roundMoney(account.reservedCash + order.reserved);
  addOpenQty(account, order, remaining);
  ctx.state.resting.add(order);
  noteOrder(ctx, order);
}

/**
 * Undoes rest(): releases the stored reservation (exact, no recomputation) and the committed
 * quantity. `inIndex` is false when settle() already took the order out of the index.
 * Every cancel, amend, maker fill and breaker rejection passes here, so noting the order here
 * (and at its creation) is all the change journal needs.
 */
export function unrest(ctx: EngineContext, account: AccountState, order: OrderState, inIndex = true): void {
  account.reservedCash = roundMoney(account.reservedCash - order.reserved);
  if (account.reservedCash < 1e-9) account.reservedCash = 0; // absorb float dust when nothing is held
  order.reserved = 0;
  addOpenQty(account, order, -remainingOf(order));
  if (inIndex) ctx.state.resting.remove(order);
  noteOrder(ctx, order);
}
