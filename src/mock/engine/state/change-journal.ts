// The write-ahead seam: while a listener is attached, engine operations note every order and
// account they touch, and the facade hands the listener one delta per operation, after the
// operation's events were delivered (so a listener sees the webhooks they queued too) and before
// the operation returns to its caller. Without a listener nothing is noted: memory-only mocks
// pay one property check per mutation.
import type { AccountState } from '../trading/account.js';
import type { EngineContext } from '../trading/context.js';
import type { OrderState } from '../trading/types.js';
import type { EngineDelta } from './engine-data.js';
import { agentData, orderData } from './export-data.js';

export interface ChangeJournal {
  orders: Set<OrderState>;
  accounts: Set<AccountState>;
}

export const createChangeJournal = (): ChangeJournal => ({ orders: new Set(), accounts: new Set() });

/** Notes that an order changed (and with it the owner's account: reservations, open quantity). */
export function noteOrder(ctx: EngineContext, order: OrderState): void {
  if (!ctx.changes) return;
  ctx.changes.orders.add(order);
  const account = ctx.state.accounts.get(order.agentId);
  if (account) ctx.changes.accounts.add(account);
}

export function noteAccount(ctx: EngineContext, account: AccountState): void {
  ctx.changes?.accounts.add(account);
}

/** Takes the noted changes as a delta and starts a new journal; null when nothing was noted. */
export function drainChanges(ctx: EngineContext, previous: { nextSeq: number; lastSettledAt: number }): EngineDelta | null {
  const changes = ctx.changes;
  if (!changes) return null;
  const { nextSeq, lastSettledAt } = ctx.state;
  if (changes.orders.size === 0 && changes.accounts.size === 0 && nextSeq === previous.nextSeq && lastSettledAt === previous.lastSettledAt) return null;
  const delta: EngineDelta = {
    // An account dropped by a reset/import in the same operation is no longer in the state.
    agents: [...changes.accounts].filter((a) => ctx.state.accounts.get(a.agentId) === a).map((a) => agentData(ctx, a)),
    orders: [...changes.orders].filter((o) => ctx.state.orders.get(o.orderId) === o).map(orderData),
    nextSeq,
    lastSettledAt,
    rng: ctx.rng.save?.() ?? null,
  };
  changes.orders.clear();
  changes.accounts.clear();
  return delta;
}
