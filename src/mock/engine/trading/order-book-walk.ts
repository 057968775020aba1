// Taker execution against the synthetic book: a pure plan (no state touched), so the same walk
// serves the funds check before any mutation and the execution after it, with identical numbers.
import type { BookLevel, EpochMs, MarketSource, OrderBookSnapshot } from '../types.js';
import { feeFor, notionalOf } from './costs.js';
import { floorToGrid, roundMoney, roundTo } from './round.js';
import type { OrderSide } from './types.js';

export const BOOK_DEPTH = 50;

export interface PlannedFill {
  price: number;
  quantity: number;
}

export interface WalkPlan {
  fills: PlannedFill[];
  filledQuantity: number;
  /** Σ notional + Σ fee: cash a buy consumes. */
  cost: number;
  /** Σ notional − Σ fee: cash a sell yields. */
  proceeds: number;
}

/** A level the order may not take: above a buy's limit or below a sell's (never for market orders). */
function beyondLimit(side: OrderSide, price: number, limit: number | null): boolean {
  return limit !== null && (side === 'buy' ? price > limit : price < limit);
}

/**
 * Walks the opposite side from the best level (buy → asks ascending, sell → bids descending),
 * taking min(level, remaining) cut down to whole lots, and stops at `limit` (null = market) or
 * when the book runs out; whatever is left is the caller's to rest or expire.
 */
export function walkBook(
  book: OrderBookSnapshot,
  side: OrderSide,
  quantity: number,
  limit: number | null,
  lotSize: number,
  qtyDecimals: number,
  feeBps: number,
): WalkPlan {
  const levels: BookLevel[] = side === 'buy' ? book.asks : book.bids;
  const fills: PlannedFill[] = [];
  let remaining = quantity;
  let notionalSum = 0;
  let feeSum = 0;
  for (const level of levels) {
    if (remaining <= 0) break;
    if (beyondLimit(side, level.price, limit)) break;
    const take = floorToGrid(Math.min(level.quantity, remaining), lotSize);
    if (take <= 0) continue;
    const notional = notionalOf(level.price, take);
    notionalSum = roundMoney(notionalSum + notional);
    feeSum = roundMoney(feeSum + feeFor(notional, feeBps));
    fills.push({ price: level.price, quantity: take });
    remaining = roundTo(remaining - take, qtyDecimals);
  }
  return {
    fills,
    filledQuantity: roundTo(quantity - remaining, qtyDecimals),
    cost: roundMoney(notionalSum + feeSum),
    proceeds: roundMoney(notionalSum - feeSum),
  };
}

/**
 * walkBook over the market's BOOK_DEPTH-level book, without building that book when its top level
 * settles the order: a small market order fills there, and a limit that does not reach the best
 * price fills nothing. A book's levels do not depend on the depth asked for (a depth-1 book is the
 * top of the deeper one), so the plan is identical; building all 50 levels a side was most of the
 * cost of placing an order.
 */
export function planWalk(
  market: MarketSource,
  symbol: string,
  t: EpochMs,
  side: OrderSide,
  quantity: number,
  limit: number | null,
  lotSize: number,
  qtyDecimals: number,
  feeBps: number,
): WalkPlan {
  const top = market.book(symbol, 1, t);
  const best = (side === 'buy' ? top.asks : top.bids)[0];
  const unreachable = best === undefined || beyondLimit(side, best.price, limit);
  const plan = walkBook(top, side, quantity, limit, lotSize, qtyDecimals, feeBps);
  if (unreachable || plan.filledQuantity >= quantity) return plan;
  return walkBook(market.book(symbol, BOOK_DEPTH, t), side, quantity, limit, lotSize, qtyDecimals, feeBps);
}
