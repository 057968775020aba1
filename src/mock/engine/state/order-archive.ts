// Finished orders that stay on disk until something needs them. A restart on a state file with
// 100 000 orders would otherwise decode and build every one of them, though only open orders
// drive matching and risk. A finished order (filled, canceled, rejected, expired) never changes
// again, so it can wait in the archive (the state file implements it; the engine does no I/O):
//   - an agent's archived orders join its order list (as index entries: id, place in creation
//     order, status, symbol, clientOrderId) when an operation first uses that agent, so lists,
//     filters, cursors and clientOrderId replays see exactly the orders they would have;
//   - a whole order is read from the archive when an answer shows it (a listed page, a lookup by
//     id, an idempotent replay, an export);
//   - a new order id is checked against the archive too, so ids are drawn exactly as before.
import type { AccountState } from '../trading/account.js';
import type { EngineContext, EngineState } from '../trading/context.js';
import type { OrderState, OrderStatus } from '../trading/types.js';

/** A finished order the engine knows by its index fields only; `archived` tells it from an OrderState. */
export interface ArchivedOrder {
  readonly archived: true;
  readonly orderId: string;
  readonly agentId: string;
  readonly seq: number;
  readonly status: OrderStatus;
  readonly symbol: string;
  readonly clientOrderId: string | null;
}

/** What the engine holds for an order: the order itself, or its archived index entry. */
export type OrderRef = OrderState | ArchivedOrder;

export interface OrderArchive {
  /** How many orders it holds. */
  readonly size: number;
  /** The agent's archived orders as index entries, in seq order ([] when it has none). */
  ordersOf(agentId: string): ArchivedOrder[];
  /** The whole order (a fresh copy each time), or undefined when it holds no such order. */
  find(orderId: string): OrderState | undefined;
  has(orderId: string): boolean;
}

/** The archive and what of it has not joined the engine's indexes yet. */
export interface ArchivedState {
  archive: OrderArchive;
  /** Agents whose archived orders have not joined their order lists yet. */
  agents: Set<string>;
  /** How many archived orders that is. */
  pending: number;
}

export const isArchived = (ref: OrderRef): ref is ArchivedOrder => (ref as Partial<ArchivedOrder>).archived === true;

/** The order behind `ref`, read from the archive when it is archived. */
export function resolveOrder(ctx: Pick<EngineContext, 'state'>, ref: OrderRef): OrderState {
  if (!isArchived(ref)) return ref;
  const order = ctx.state.archived?.archive.find(ref.orderId);
  if (!order) throw new Error(`engine state is inconsistent: archived order ${ref.orderId} is not in the archive`);
  return order;
}

/** Any agent's order by id, archived or not (only the cross-agent-read defect looks so). */
export function anyOrder(ctx: Pick<EngineContext, 'state'>, orderId: string): OrderState | undefined {
  const ref = ctx.state.orders.get(orderId);
  return ref ? resolveOrder(ctx, ref) : ctx.state.archived?.archive.find(orderId);
}

/** Whether an order id is taken, by an order in memory or in the archive. */
export const orderIdTaken = (state: EngineState, orderId: string): boolean => state.orders.has(orderId) || state.archived?.archive.has(orderId) === true;

/** How many orders the engine holds, archived ones included. */
export const orderCount = (state: EngineState): number => state.orders.size + (state.archived?.pending ?? 0);

/**
 * Lets the agent's archived orders join its order list (merged by seq: both lists are in creation
 * order), the id index and its clientOrderIds (the earliest order with an id keeps it). Once per agent.
 */
export function joinArchived(state: EngineState, account: AccountState): void {
  const lazy = state.archived;
  if (!lazy?.agents.delete(account.agentId)) return;
  const archived = lazy.archive.ordersOf(account.agentId);
  if (archived.length === 0) return;
  lazy.pending -= archived.length;
  const own = account.orders;
  const merged: OrderRef[] = [];
  let i = 0;
  for (const a of archived) {
    while (i < own.length && (own[i] as OrderRef).seq < a.seq) merged.push(own[i++] as OrderRef);
    merged.push(a);
    state.orders.set(a.orderId, a);
    if (a.clientOrderId === null) continue;
    const holder = account.clientOrders.get(a.clientOrderId);
    if (!holder || holder.seq > a.seq) account.clientOrders.set(a.clientOrderId, a);
  }
  while (i < own.length) merged.push(own[i++] as OrderRef);
  account.orders = merged;
}

/** Every agent's archived orders joined (for exports and snapshots, which show every order). */
export function joinAllArchived(state: EngineState): void {
  if (!state.archived || state.archived.agents.size === 0) return;
  for (const account of state.accounts.values()) joinArchived(state, account);
}

/** Every order in creation order, archived ones read from the archive. */
export function allOrders(ctx: Pick<EngineContext, 'state'>): OrderState[] {
  joinAllArchived(ctx.state);
  const orders = [...ctx.state.orders.values()].map((o) => resolveOrder(ctx, o));
  // Joined archived orders sit after the orders loaded with them in the id index; sorting an
  // already sorted list (every mock that never restarted) costs one pass.
  return orders.sort((a, b) => a.seq - b.seq);
}
