// The daily-loss circuit breaker. Loss is measured against equity marked at the last 00:00 UTC.
// Once tripped it latches until the next midnight (a price recovery doesn't un-trip it) so an
// agent can't flap in and out of the limit intraday.
import { EngineError } from '../errors.js';
import { noteAccount } from '../state/change-journal.js';
import { isArchived } from '../state/order-archive.js';
import { remainingOf, unrest, type AccountState } from '../trading/account.js';
import type { EngineContext } from '../trading/context.js';
import { toOrderView } from '../trading/order-view.js';
import { roundMoney } from '../trading/round.js';
import { isOpen, type OrderSide } from '../trading/types.js';
import type { EpochMs } from '../types.js';
import { equityAt } from './equity.js';
import { closableQty } from './reduces-only.js';
import type { BreakerState } from './types.js';
import { nextUtcMidnight } from './utc-day.js';

export function breakerState(ctx: EngineContext, account: AccountState, t: EpochMs): BreakerState {
  const loss = roundMoney(account.dayStartEquity - equityAt(ctx.market, account, t));
  return {
    dailyLoss: {
      limit: account.dailyLossLimit,
      current: Math.max(0, loss),
      tripped: account.dailyLoss.tripped,
      trippedAt: account.dailyLoss.trippedAt,
      resetsAt: account.dailyLoss.resetsAt,
    },
    maxPositionSize: { limit: account.maxPositionSize },
  };
}

/** Trips the breaker if today's loss reached the limit. Idempotent for a given (state, t). */
export function evaluateDailyLoss(ctx: EngineContext, account: AccountState, t: EpochMs): void {
  const limit = account.dailyLossLimit;
  if (limit === null) return;
  const loss = roundMoney(account.dayStartEquity - equityAt(ctx.market, account, t));
  if (account.dailyLoss.tripped) {
    ctx.strategies.whileTripped(ctx, account, loss, t);
    return;
  }
  if (loss < limit) return;
  account.dailyLoss = { tripped: true, trippedAt: t, resetsAt: nextUtcMidnight(t) };
  noteAccount(ctx, account);
  const agentId = account.agentId;
  ctx.events.emit({ type: 'circuit_breaker.tripped', agentId, at: t, breaker: breakerState(ctx, account, t) });
  rejectRiskAddingOrders(ctx, account, t);
}

/**
 * Walks open orders in creation order; an order survives only if, together with the earlier
 * survivors on its side, it fits inside the position it would close. Everything else adds risk.
 */
function rejectRiskAddingOrders(ctx: EngineContext, account: AccountState, t: EpochMs): void {
  const budget = new Map<string, number>();
  const key = (symbol: string, side: OrderSide) => `${symbol}:${side}`;
  for (const order of account.orders) {
    if (isArchived(order) || !isOpen(order)) continue; // archived orders are finished ones
    const k = key(order.symbol, order.side);
    const left = budget.get(k) ?? closableQty(account, order.symbol, order.side);
    const remaining = remainingOf(order);
    if (remaining <= left + 1e-9) {
      budget.set(k, left - remaining);
      continue;
    }
    budget.set(k, left);
    unrest(ctx, account, order);
    order.status = 'rejected';
    order.rejectReason = 'circuit_breaker';
    order.updatedAt = t;
    ctx.events.emit({ type: 'order.rejected', agentId: account.agentId, at: t, order: toOrderView(order) });
  }
}

/** Releases a tripped breaker (and says so with circuit_breaker.reset). */
export function unlatch(ctx: EngineContext, account: AccountState, t: EpochMs): void {
  account.dailyLoss = { tripped: false, trippedAt: null, resetsAt: null };
  noteAccount(ctx, account);
  ctx.events.emit({ type: 'circuit_breaker.reset', agentId: account.agentId, at: t, breaker: breakerState(ctx, account, t) });
}

/** At 00:00 UTC: release the latch and mark the new day's starting equity at midnight prices. */
export function rollDay(ctx: EngineContext, account: AccountState, midnight: EpochMs): void {
  const wasTripped = account.dailyLoss.tripped;
  account.dayStart = midnight;
  account.dayStartEquity = equityAt(ctx.market, account, midnight);
  account.dailyLoss = { tripped: false, trippedAt: null, resetsAt: null };
  noteAccount(ctx, account);
  if (wasTripped) {
    const breaker = breakerState(ctx, account, midnight);
    ctx.events.emit({ type: 'circuit_breaker.reset', agentId: account.agentId, at: midnight, breaker });
  }
}

/** Gate for new risk while tripped; reducing-only orders are let through by the caller. */
export function assertMayAddRisk(account: AccountState): void {
  if (!account.dailyLoss.tripped) return;
  const resetsAt = account.dailyLoss.resetsAt;
  throw new EngineError(
    'daily_loss_limit_reached',
    `Daily loss limit of ${account.dailyLossLimit} USD reached; orders that add risk are blocked until ` +
      `${resetsAt === null ? 'the next 00:00 UTC' : new Date(resetsAt).toISOString()}. ` +
      'Orders that only reduce an existing position are still accepted.',
    { resetsAt, limit: account.dailyLossLimit },
  );
}
