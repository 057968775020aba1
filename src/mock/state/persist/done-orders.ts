// Finished orders in the state file (document format 3), left on disk until they are needed
// (engine/state/order-archive.ts): each one is a 'done' document keyed by its order id (the row of
// order-doc.ts), and each agent's are listed in its 'done-index' document (keyed by agent id) by
// the fields the engine indexes them by, as columns. A start reads neither; the meta value 'done'
// says how many there are. Finished orders never change, so these stay true until the next full
// write replaces them.
import type { ArchivedOrder, OrderArchive } from '../../engine/state/order-archive.js';
import type { OrderData } from '../../engine/index.js';
import type { OrderStatus } from '../../engine/trading/types.js';
import type { StateStore } from '../../../storage/index.js';
import { decodeOrder, encodeOrder } from './order-doc.js';
import type { Put } from './state-docs.js';

type IndexColumns = [seq: number[], orderId: string[], status: OrderStatus[], symbol: string[], clientOrderId: Array<string | null>];

/** The documents of finished orders (in seq order): one per order, and one index per agent. */
export function doneDocs(orders: readonly OrderData[]): Put[] {
  const put: Put[] = [];
  const indexes = new Map<string, IndexColumns>();
  for (const o of orders) {
    put.push(['done', o.orderId, encodeOrder(o)]);
    let c = indexes.get(o.agentId);
    if (!c) indexes.set(o.agentId, (c = [[], [], [], [], []]));
    c[0].push(o.seq);
    c[1].push(o.orderId);
    c[2].push(o.status);
    c[3].push(o.symbol);
    c[4].push(o.clientOrderId);
  }
  for (const [agentId, c] of indexes) put.push(['done-index', agentId, JSON.stringify(c)]);
  return put;
}

/** The engine's archive over a state file's 'done' documents; `size` is the file's 'done' count. */
export function fileArchive(store: StateStore, size: number): OrderArchive {
  return {
    size,
    ordersOf(agentId) {
      const text = store.get('done-index', agentId);
      if (text === undefined) return [];
      const c = JSON.parse(text) as IndexColumns;
      const out: ArchivedOrder[] = [];
      for (let i = 0; i < c[0].length; i++) {
        out.push({ archived: true, orderId: c[1][i] as string, agentId, seq: c[0][i] as number, status: c[2][i] as OrderStatus, symbol: c[3][i] as string, clientOrderId: c[4][i] ?? null });
      }
      return out;
    },
    find(orderId) {
      const text = store.get('done', orderId);
      return text === undefined ? undefined : decodeOrder(text);
    },
    has: (orderId) => store.get('done', orderId) !== undefined,
  };
}
