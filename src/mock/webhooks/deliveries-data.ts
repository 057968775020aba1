// The dispatcher's queues and logs as plain data, for a state file or a fixture: every logged
// message with its attempts, and each webhook's queue as message ids in delivery order (a
// redelivered message joins the back of the queue, so queue order is not log order).
// An attempt that was in flight when the state was taken is not recorded: after a restart the
// message is simply attempted again (Standard Webhooks receivers deduplicate by webhook-id).
import type { RngState } from '../engine/types.js';
import type { MessageRecord, WebhookDeliveries } from './delivery-log.js';

export type MessageData = Omit<MessageRecord, 'inFlight'>;

export interface WebhookDeliveriesData {
  webhookId: string;
  /** Oldest first. */
  messages: MessageData[];
  /** Pending message ids in the order they will be attempted. */
  queue: string[];
}

export interface DeliveriesData {
  /** The message-id generator's position. */
  rng: RngState | null;
  webhooks: WebhookDeliveriesData[];
}

export function messageData(m: MessageRecord): MessageData {
  const { inFlight: _inFlight, attempts, ...rest } = m;
  return { ...rest, attempts: attempts.map((a) => ({ ...a })) };
}

export function deliveriesData(webhookId: string, d: WebhookDeliveries): WebhookDeliveriesData {
  return { webhookId, messages: d.log.map(messageData), queue: d.queue.map((m) => m.messageId) };
}

/** Rebuilds one webhook's queue and log; throws when the queue names a message the log lacks. */
export function buildDeliveries(data: WebhookDeliveriesData): WebhookDeliveries {
  const log: MessageRecord[] = data.messages.map((m) => ({ ...m, attempts: m.attempts.map((a) => ({ ...a })), inFlight: false }));
  const byId = new Map(log.map((m) => [m.messageId, m]));
  const queue = data.queue.map((id) => {
    const m = byId.get(id);
    if (!m || m.state !== 'pending') throw new Error(`webhook ${data.webhookId}: queued message ${id} is not a pending message of its log`);
    return m;
  });
  return { queue, log };
}
