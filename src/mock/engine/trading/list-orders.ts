// listOrders: newest first, optional status/symbol filters, cursor pagination.
import { EngineError } from '../errors.js';
import { resolveOrder, type OrderRef } from '../state/order-archive.js';
import type { AccountState } from './account.js';
import type { EngineContext } from './context.js';
import { decodeCursor, encodeCursor } from './order-cursor.js';
import { toOrderView } from './order-view.js';
import type { ListOrdersQuery, OrderStatus, OrderView } from './types.js';
import { resolveCoin } from './validate-order.js';

export interface OrderPage {
  items: OrderView[];
  nextCursor: string | null;
}

const STATUSES: ReadonlySet<string> = new Set(['open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired']);

export function listOrders(ctx: Pick<EngineContext, 'market' | 'state'>, account: AccountState, query: ListOrdersQuery = {}): OrderPage {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new EngineError('invalid_request', `limit must be an integer from 1 to 100, got ${String(limit)}.`);
  }
  for (const s of query.status ?? []) {
    if (!STATUSES.has(s)) throw new EngineError('invalid_request', `Unknown order status ${JSON.stringify(s)}.`);
  }
  const statuses = query.status && query.status.length > 0 ? new Set<OrderStatus>(query.status) : null;
  const symbol = query.symbol ? resolveCoin(ctx.market, query.symbol).symbol : null;
  const orders = account.orders;
  const start = query.cursor ? decodeCursor(query.cursor, orders.length) : orders.length;
  // Status and symbol are index fields: archived orders are only loaded when they are listed.
  const matches = (o: OrderRef) => (!statuses || statuses.has(o.status)) && (!symbol || o.symbol === symbol);

  const items: OrderView[] = [];
  let i = start - 1;
  for (; i >= 0 && items.length < limit; i--) {
    const order = orders[i] as OrderRef;
    if (matches(order)) items.push(toOrderView(resolveOrder(ctx, order)));
  }
  // Only hand out a cursor when another matching order really exists (no empty last page).
  let more = false;
  for (let j = i; j >= 0; j--) {
    if (matches(orders[j] as OrderRef)) {
      more = true;
      break;
    }
  }
  return { items, nextCursor: more ? encodeCursor(i + 1) : null };
}
