// The per-webhook delivery record: every message, its attempts, its state, when it is next due.
// Messages double as queue entries (the dispatcher holds the same objects in its queues).
import { iso } from '../http/serialize.js';
import type { WebhookRecord } from '../http/webhook-registry.js';

export type MessageState = 'pending' | 'delivered' | 'failed';

export interface AttemptRecord {
  /** 1-based over the message's whole life, redeliveries included. */
  number: number;
  /** Mock-clock time the attempt was sent (its webhook-timestamp header is the real time of sending). */
  at: number;
  status: number | null;
  error: string | null;
  latencyMs: number;
}

export interface MessageRecord {
  /** `msg_…`: the webhook-id header, the same on every attempt. */
  readonly messageId: string;
  readonly eventType: string;
  /** The event's time. */
  readonly createdAt: number;
  /** The exact bytes sent (and signed) on every attempt. */
  readonly body: string;
  state: MessageState;
  attempts: AttemptRecord[];
  /** attempts.length when the current round (first delivery or a redelivery) began. */
  roundStart: number;
  /** Mock-clock time the next attempt is due; null when none is scheduled. */
  dueAt: number | null;
  inFlight: boolean;
  /** Why a message was failed without attempts (a full queue). */
  note?: string;
}

export interface WebhookDeliveries {
  /** Pending messages, oldest first; only the head is ever attempted (per-webhook ordering). */
  queue: MessageRecord[];
  /** Every pending message and the last MAX_LOGGED_MESSAGES finished ones, oldest first. */
  log: MessageRecord[];
}

export const MAX_LOGGED_MESSAGES = 100;
/** A dead receiver blocks its queue for ~42 min per message; this bounds the backlog. */
export const MAX_PENDING_MESSAGES = 1000;

/** Keeps every pending message and the last MAX_LOGGED_MESSAGES finished ones; returns the dropped ones. */
export function trimLog(d: WebhookDeliveries): MessageRecord[] {
  const dropped: MessageRecord[] = [];
  let finished = d.log.reduce((n, m) => n + (m.state === 'pending' ? 0 : 1), 0);
  for (; finished > MAX_LOGGED_MESSAGES; finished--) {
    dropped.push(...d.log.splice(d.log.findIndex((m) => m.state !== 'pending'), 1));
  }
  return dropped;
}

export function messageView(m: MessageRecord) {
  return {
    messageId: m.messageId,
    eventType: m.eventType,
    createdAt: iso(m.createdAt),
    state: m.state,
    attempts: m.attempts.map((a) => ({ number: a.number, at: iso(a.at), status: a.status, error: a.error, latencyMs: a.latencyMs })),
    nextAttemptAt: m.dueAt === null ? null : iso(m.dueAt),
    ...(m.note === undefined ? {} : { note: m.note }),
  };
}

/** A webhook and its deliveries for the control API. Deliberately built field by field: no secret. */
export function webhookDeliveriesView(hook: WebhookRecord, messages: readonly MessageRecord[]) {
  return {
    id: hook.id,
    agentId: hook.agentId,
    url: hook.url,
    events: [...hook.events],
    description: hook.description,
    createdAt: iso(hook.createdAt),
    messages: messages.map(messageView),
  };
}
