// The mock's state (mock-state.ts) as the state file's documents and meta values, and back.
// Documents are keyed so that id order is the order the state needs back: agents and webhooks
// by their registration ordinal, orders by their creation sequence, messages by webhook and the
// ordinal they entered its log with. JSON.stringify writes numbers in their shortest exact form,
// so every value (float money, epoch ms, generator words) comes back bit for bit.
// Orders come two ways: a full write packs them into pages of ORDER_PAGE ('orders', keyed by the
// first seq; columns since format 2, order-page.ts), which a restart reads in a few hundred rows
// instead of one per order; every change after that is a single document ('order', keyed by seq)
// that wins over its page's copy. Since format 3 a full write pages only the orders that are
// still open: finished ones go to 'done' documents that a start leaves on disk (done-orders.ts);
// agents come in pages too ('agents', columns, agent-page.ts), with 'agent' singles over them.
import type { AgentData, OrderData } from '../../engine/index.js';
import type { OrderArchive } from '../../engine/state/order-archive.js';
import { isOpen } from '../../engine/trading/types.js';
import { decodeAgentPage, encodeAgentPage } from './agent-page.js';
import { doneDocs } from './done-orders.js';
import { decodeOrder, sharedStrings } from './order-doc.js';
import { decodeAnyOrderPage, encodeOrderPage } from './order-page.js';
import type { WebhookRecord } from '../../http/webhook-registry.js';
import type { MessageData } from '../../webhooks/deliveries-data.js';
import type { LoadedState, StateBatch } from '../../../storage/index.js';
import { StateFileError } from '../../../storage/index.js';
import type { MockState } from '../mock-state.js';

/**
 * The document format inside a state file; a newer one is refused (see migrations for the SQL
 * side). 2: order pages are columns (format 1's pages of rows are still read). 3: finished orders
 * are 'done' documents with a 'done-index', agents pages of columns (formats 1 and 2 are still
 * read, all orders eagerly).
 */
export const DOC_FORMAT = 3;

export const pad = (n: number): string => String(n).padStart(12, '0');
export const messageKey = (webhookId: string, ordinal: number): string => `${webhookId}/${pad(ordinal)}`;
export const limitKey = (limiter: string, key: string): string => `${limiter}|${key}`;

/** Every kind of document a start reads ('done' and 'done-index' documents are read when needed). */
export const DOC_KINDS = ['agents', 'agent', 'orders', 'order', 'webhook', 'message', 'queue', 'limit'] as const;

export const ORDER_PAGE = 1_000;

export type Put = [kind: string, id: string, data: string];

/** Meta values that are small and rewritten whole whenever they change. */
export function metaOf(state: Pick<MockState, 'seed' | 'clock' | 'prices' | 'requestCount' | 'controlRequestCount' | 'ids' | 'keys'> & { engine: Pick<MockState['engine'], 'nextSeq' | 'lastSettledAt' | 'rng'>; deliveries: Pick<MockState['deliveries'], 'rng'> }): Array<[string, string]> {
  return [
    ['format', String(DOC_FORMAT)],
    ['seed', String(state.seed)],
    ['clock', JSON.stringify(state.clock)],
    ['engine', JSON.stringify({ nextSeq: state.engine.nextSeq, lastSettledAt: state.engine.lastSettledAt, rng: state.engine.rng })],
    ['deliveries', JSON.stringify({ rng: state.deliveries.rng })],
    ['prices', JSON.stringify(state.prices)],
    ['counters', JSON.stringify({ requestCount: state.requestCount, controlRequestCount: state.controlRequestCount })],
    ['ids', JSON.stringify(state.ids)],
    ['keys', JSON.stringify(state.keys)],
  ];
}

/** Where each document of a full write went: the persistence keeps writing changes under the same ids. */
export interface Ordinals {
  agents: Map<string, number>;
  webhooks: Map<string, number>;
  /** Per webhook, the ordinals of its log's messages, in log order. */
  messages: Map<string, number[]>;
  next: { agent: number; webhook: number; message: number };
}

export const emptyOrdinals = (): Ordinals => ({ agents: new Map(), webhooks: new Map(), messages: new Map(), next: { agent: 1, webhook: 1, message: 1 } });

/** The whole state as one replacing batch, and the ordinals it used. */
export function stateToBatch(state: MockState): { batch: StateBatch; ordinals: Ordinals } {
  const ordinals = emptyOrdinals();
  const put: Put[] = [];
  const agents = state.engine.agents.map((a): [number, AgentData] => {
    const n = ordinals.next.agent++;
    ordinals.agents.set(a.agent.agentId, n);
    return [n, a];
  });
  for (let i = 0; i < agents.length; i += ORDER_PAGE) put.push(['agents', pad(i + 1), encodeAgentPage(agents.slice(i, i + ORDER_PAGE))]);
  const open = state.engine.orders.filter(isOpen);
  for (let i = 0; i < open.length; i += ORDER_PAGE) {
    const page = open.slice(i, i + ORDER_PAGE);
    put.push(['orders', pad((page[0] as OrderData).seq), encodeOrderPage(page)]);
  }
  const done = state.engine.orders.filter((o) => !isOpen(o));
  put.push(...doneDocs(done));
  for (const w of state.webhooks) {
    const n = ordinals.next.webhook++;
    ordinals.webhooks.set(w.id, n);
    put.push(['webhook', pad(n), JSON.stringify(w)]);
  }
  for (const d of state.deliveries.webhooks) {
    const list: number[] = [];
    for (const m of d.messages) {
      const n = ordinals.next.message++;
      list.push(n);
      put.push(['message', messageKey(d.webhookId, n), JSON.stringify(m)]);
    }
    ordinals.messages.set(d.webhookId, list);
    put.push(['queue', d.webhookId, JSON.stringify(d.queue)]);
  }
  for (const { limiter, entries } of state.rateLimits) for (const [key, tat] of entries) put.push(['limit', limitKey(limiter, key), JSON.stringify([limiter, key, tat])]);
  return { batch: { replace: true, meta: [...metaOf(state), ['done', String(done.length)]], put }, ordinals };
}

function meta<T>(loaded: LoadedState, key: string): T {
  const text = loaded.meta.get(key);
  if (text === undefined) throw new StateFileError(`the state file has no '${key}' value; it is damaged (start with a new --state file)`);
  return JSON.parse(text) as T;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Paged orders with the single documents written since laid over them, in seq order. */
function ordersOf(pages: ReadonlyArray<[string, string]>, singles: ReadonlyArray<[string, string]>): OrderData[] {
  const strings = sharedStrings();
  const orders: OrderData[] = [];
  for (const [, data] of pages) decodeAnyOrderPage(data, strings, orders);
  const last = orders.at(-1)?.seq ?? 0;
  for (const [, data] of singles) {
    const order = decodeOrder(data, strings);
    if (order.seq > last) {
      orders.push(order); // singles come in seq order, so these append in order
      continue;
    }
    let lo = 0;
    let hi = orders.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((orders[mid] as OrderData).seq < order.seq) lo = mid + 1;
      else hi = mid;
    }
    if ((orders[lo] as OrderData).seq === order.seq) orders[lo] = order;
    else orders.splice(lo, 0, order);
  }
  return orders;
}

function archivedPart(count: number, archiveOf: ((count: number) => OrderArchive) | undefined): Pick<MockState['engine'], 'archive'> {
  if (count === 0) return {};
  if (!archiveOf) throw new StateFileError('the state file holds finished orders that are read when needed, but nothing was given to read them with');
  return { archive: archiveOf(count) };
}

/** Paged agents with the single documents written since laid over them, by ordinal. */
function agentsOf(pages: ReadonlyArray<[string, string]>, singles: ReadonlyArray<[string, string]>): Array<[number, AgentData]> {
  const agents: Array<[number, AgentData]> = [];
  for (const [, data] of pages) decodeAgentPage(data, agents);
  if (singles.length === 0) return agents;
  const byOrdinal = new Map(agents);
  for (const [id, data] of singles) byOrdinal.set(Number(id), JSON.parse(data) as AgentData);
  return [...byOrdinal].sort((a, b) => a[0] - b[0]);
}

const ordinalOf = (id: string): number => Number(id.slice(id.lastIndexOf('/') + 1));

/**
 * A loaded state file → the state, the ordinals its documents use, and how many orders are single
 * documents. Finished orders of format 3 stay in the file: `archiveOf(count)` gives the engine its archive of them.
 */
export function batchToState(loaded: LoadedState, archiveOf?: (count: number) => OrderArchive): { state: MockState; ordinals: Ordinals; singleOrders: number } {
  const format = Number(loaded.meta.get('format'));
  if (format > DOC_FORMAT) throw new StateFileError(`the state file holds documents of format ${format}; this nx-conformance reads up to ${DOC_FORMAT}. Upgrade nx-conformance.`);
  const docs = (kind: string) => loaded.docs.get(kind) ?? [];
  const ordinals = emptyOrdinals();
  const agents = agentsOf(docs('agents'), docs('agent')).map(([n, a]) => {
    ordinals.agents.set(a.agent.agentId, n);
    ordinals.next.agent = n + 1;
    return a;
  });
  const webhooks = docs('webhook').map(([id, data]) => {
    const w = JSON.parse(data) as WebhookRecord;
    ordinals.webhooks.set(w.id, Number(id));
    ordinals.next.webhook = Number(id) + 1;
    return w;
  });
  const messages = new Map<string, MessageData[]>();
  for (const [id, data] of docs('message')) {
    const webhookId = id.slice(0, id.lastIndexOf('/'));
    const n = ordinalOf(id);
    pushTo(messages, webhookId, JSON.parse(data) as MessageData);
    pushTo(ordinals.messages, webhookId, n);
    ordinals.next.message = Math.max(ordinals.next.message, n + 1);
  }
  const queues = new Map(docs('queue').map(([id, data]) => [id, JSON.parse(data) as string[]]));
  const limits = new Map<string, Array<[string, number]>>();
  for (const [, data] of docs('limit')) {
    const [limiter, key, tat] = JSON.parse(data) as [string, string, number];
    pushTo(limits, limiter, [key, tat]);
  }
  const engineMeta = meta<Pick<MockState['engine'], 'nextSeq' | 'lastSettledAt' | 'rng'>>(loaded, 'engine');
  const counters = meta<Pick<MockState, 'requestCount' | 'controlRequestCount'>>(loaded, 'counters');
  const state: MockState = {
    seed: meta<number>(loaded, 'seed'),
    clock: meta<MockState['clock']>(loaded, 'clock'),
    engine: { ...engineMeta, agents, orders: ordersOf(docs('orders'), docs('order')), ...archivedPart(Number(loaded.meta.get('done') ?? 0), archiveOf) },
    webhooks,
    deliveries: {
      rng: meta<{ rng: MockState['deliveries']['rng'] }>(loaded, 'deliveries').rng,
      webhooks: [...new Set([...messages.keys(), ...queues.keys()])].map((webhookId) => ({ webhookId, messages: messages.get(webhookId) ?? [], queue: queues.get(webhookId) ?? [] })),
    },
    prices: meta<MockState['prices']>(loaded, 'prices'),
    requestCount: counters.requestCount,
    controlRequestCount: counters.controlRequestCount,
    ids: meta<MockState['ids']>(loaded, 'ids'),
    keys: meta<MockState['keys']>(loaded, 'keys'),
    rateLimits: [...limits].map(([limiter, entries]) => ({ limiter, entries: entries.sort((a, b) => a[1] - b[1]) })),
  };
  return { state, ordinals, singleOrders: docs('order').length };
}
