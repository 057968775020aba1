// What changed since the last commit, collected from every source, and the batch that writes it.
// Later news of the same thing replaces earlier (an order filled twice is written once, as it is
// now); removals cancel a put of the same document that is still waiting.
import type { AgentData, EngineDelta, OrderData } from '../../engine/index.js';
import type { WebhookRecord } from '../../http/webhook-registry.js';
import type { MessageRecord } from '../../webhooks/delivery-log.js';
import type { DeliveryChange } from '../../webhooks/dispatcher.js';
import type { StateBatch } from '../../../storage/index.js';
import { encodeOrder } from './order-doc.js';
import { emptyOrdinals, limitKey, messageKey, pad, type Ordinals, type Put } from './state-docs.js';

export class PendingChanges {
  /** The whole state is to be rewritten (a reset, an import). */
  replace = false;
  /** Something a response acknowledges is waiting (as opposed to counters alone). */
  hard = false;
  ordinals: Ordinals = emptyOrdinals();
  readonly messageOrdinals = new WeakMap<MessageRecord, number>();
  /** The engine's and the dispatcher's small values as last reported; null until then. */
  engineMeta: Pick<EngineDelta, 'nextSeq' | 'lastSettledAt' | 'rng'> | null = null;
  deliveriesRng: DeliveryChange['rng'] | null = null;
  private readonly agents = new Map<string, AgentData>();
  private readonly orders = new Map<number, OrderData>();
  private readonly webhooks = new Map<string, WebhookRecord>();
  private readonly messages = new Map<MessageRecord, string>();
  private readonly queues = new Map<string, string[]>();
  private readonly limits = new Map<string, [string, string, number]>();
  private readonly removals: Array<[string, string]> = [];

  delta(delta: EngineDelta): boolean {
    for (const a of delta.agents) this.agents.set(a.agent.agentId, a);
    for (const o of delta.orders) this.orders.set(o.seq, o);
    this.engineMeta = delta;
    return delta.agents.length > 0 || delta.orders.length > 0;
  }

  delivery(change: DeliveryChange): void {
    this.messages.set(change.message, change.webhookId);
    for (const m of change.dropped) this.dropMessage(change.webhookId, m);
    this.queues.set(change.webhookId, change.queue);
    this.deliveriesRng = change.rng;
  }

  limit(limiter: string, key: string, tat: number): void {
    this.limits.set(limitKey(limiter, key), [limiter, key, tat]);
  }

  webhookAdded(record: WebhookRecord): void {
    this.webhooks.set(record.id, record);
  }

  /** A deleted webhook takes its queue and its logged messages with it. */
  webhookRemoved(id: string, messages: readonly MessageRecord[]): void {
    this.webhooks.delete(id);
    this.queues.delete(id);
    const n = this.ordinals.webhooks.get(id);
    if (n !== undefined) this.removals.push(['webhook', pad(n)], ['queue', id]);
    for (const m of messages) this.dropMessage(id, m);
  }

  private dropMessage(webhookId: string, m: MessageRecord): void {
    this.messages.delete(m);
    const n = this.messageOrdinals.get(m);
    if (n !== undefined) this.removals.push(['message', messageKey(webhookId, n)]);
  }

  private ordinal(map: Map<string, number>, id: string, next: 'agent' | 'webhook'): number {
    let n = map.get(id);
    if (n === undefined) map.set(id, (n = this.ordinals.next[next]++));
    return n;
  }

  /** Orders waiting to be written as single documents (see state-docs.ts on pages). */
  get orderCount(): number {
    return this.orders.size;
  }

  /** The documents to write and remove (meta values are the caller's). */
  batch(meta: Array<[string, string]>): StateBatch {
    const put: Put[] = [];
    for (const [id, a] of this.agents) put.push(['agent', pad(this.ordinal(this.ordinals.agents, id, 'agent')), JSON.stringify(a)]);
    for (const [seq, o] of this.orders) put.push(['order', pad(seq), encodeOrder(o)]);
    for (const [id, w] of this.webhooks) put.push(['webhook', pad(this.ordinal(this.ordinals.webhooks, id, 'webhook')), JSON.stringify(w)]);
    for (const [m, webhookId] of this.messages) {
      let n = this.messageOrdinals.get(m);
      if (n === undefined) this.messageOrdinals.set(m, (n = this.ordinals.next.message++));
      const { inFlight: _inFlight, ...data } = m;
      put.push(['message', messageKey(webhookId, n), JSON.stringify(data)]);
    }
    for (const [id, queue] of this.queues) put.push(['queue', id, JSON.stringify(queue)]);
    for (const [key, entry] of this.limits) put.push(['limit', key, JSON.stringify(entry)]);
    return { meta, put, remove: [...this.removals] };
  }

  /** After a successful write. */
  clear(): void {
    this.replace = false;
    this.hard = false;
    for (const m of [this.agents, this.orders, this.webhooks, this.messages, this.queues, this.limits]) m.clear();
    this.removals.length = 0;
  }

  /** Adopts the documents a full write (or a load) used, and where each logged message went. */
  adopt(ordinals: Ordinals, logOf: (webhookId: string) => readonly MessageRecord[]): void {
    this.ordinals = ordinals;
    for (const [webhookId, list] of ordinals.messages) {
      const records = logOf(webhookId);
      list.forEach((n, i) => {
        const record = records[i];
        if (record) this.messageOrdinals.set(record, n);
      });
    }
  }
}
