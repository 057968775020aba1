// Webhook delivery: turns engine events into signed Standard Webhooks messages, one FIFO queue
// per webhook (a message waits until the one before it was delivered or given up, so a receiver
// sees an agent's events in order), and retries on the schedule of schedule.ts.
//
// Time is the mock's clock: a message is "due" by ctx.clock.now(), and the payload's `timestamp`
// is the event's time on that clock. The `webhook-timestamp` header is the real time of sending:
// delivery happens in real time, and receivers (any Standard Webhooks library) check it against
// their own clock, so a virtual clock in January would make every delivery "too old".
// pump() sends what is due; it
// runs after engine events (in a microtask, i.e. after the API response is built), after each
// attempt, when the control API moves the clock, and on an unref()ed 1 s ticker for real clocks
// while anything is pending. Attempts are fetch calls nobody awaits on the request path, so a
// slow or dead receiver never slows the API. idle() resolves once no attempt is in flight.
import type { ControllableClock } from '../engine/clock.js';
import { randomBase62 } from '../engine/agents/make-key.js';
import type { EngineEvent } from '../engine/index.js';
import { createRng } from '../engine/random.js';
import type { RngState } from '../engine/types.js';
import type { WebhookRecord, WebhookRegistry } from '../http/webhook-registry.js';
import { buildDeliveries, deliveriesData, type DeliveriesData } from './deliveries-data.js';
import { MAX_PENDING_MESSAGES, trimLog, type MessageRecord, type WebhookDeliveries } from './delivery-log.js';
import { eventBody } from './payload.js';
import { nextDueAt } from './schedule.js';
import { signedHeaders } from './sign.js';
import { createFetchTransport, type AttemptOutcome, type Transport } from './transport.js';
import type { Lookup, WebhookTargets } from './url-policy.js';

export interface DispatcherOptions {
  clock: Pick<ControllableClock, 'now' | 'kind'>;
  registry: Pick<WebhookRegistry, 'list' | 'all'>;
  /** Seeds message ids (its own stream, so deliveries never shift other seeded ids). */
  seed: number;
  /** Per-attempt time-out in real milliseconds (default 10 000). */
  timeoutMs?: number;
  targets?: WebhookTargets;
  lookup?: Lookup;
  /** Replaces fetch (tests). */
  transport?: Transport;
  /** The real time of sending, for webhook-timestamp (default Date.now; tests may fix it). */
  wallNow?: () => number;
  log?: (line: string) => void;
}

/** A message that was added or changed, the finished ones the log dropped meanwhile, the queue after it. */
export interface DeliveryChange {
  webhookId: string;
  message: MessageRecord;
  dropped: MessageRecord[];
  /** Pending message ids in delivery order. */
  queue: string[];
  /** The message-id generator's position. */
  rng: RngState;
}

export interface WebhookDispatcher {
  /** Subscribes to an engine's events, dropping the previous subscription (after a reset). */
  attach(engine: { onEvent(listener: (event: EngineEvent) => void): () => void }): void;
  handle(event: EngineEvent): void;
  /** Starts every due attempt now. */
  pump(): void;
  /** Resolves when no attempt is in flight (follow-up attempts they cause included). */
  idle(): Promise<void>;
  /** pump() then idle(). */
  flush(): Promise<void>;
  /** Queues a finished message again (the last one unless messageId is given); undefined if unknown. */
  redeliver(webhookId: string, messageId?: string): MessageRecord | undefined;
  messages(webhookId: string): readonly MessageRecord[];
  /** Drops queues and logs and aborts attempts in flight; message ids restart from the seed. */
  reset(): void;
  stop(): void;
  /** Every queue and log as plain data (deliveries-data.ts). */
  exportState(): DeliveriesData;
  /** reset(), then continues from `data`: pending messages are attempted when due. */
  importState(data: DeliveriesData): void;
  /** Called whenever a message is added or changes (a write-ahead store listens). */
  onChange?: (change: DeliveryChange) => void;
}

export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { clock, registry, seed } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send = options.transport ?? createFetchTransport(options.targets ?? 'any', options.lookup);
  const log = options.log ?? (() => {});
  const wallNow = options.wallNow ?? (() => Date.now());
  const deliveries = new Map<string, WebhookDeliveries>();
  const inFlight = new Set<Promise<void>>();
  let rng = createRng(`${seed}:webhooks`);
  // A reset bumps the generation and aborts: late outcomes of older attempts are then ignored.
  let generation = 0;
  let abort = new AbortController();
  let unsubscribe: (() => void) | undefined;
  let pumpQueued = false;
  let ticker: ReturnType<typeof setInterval> | undefined;

  const deliveriesOf = (webhookId: string): WebhookDeliveries => {
    let d = deliveries.get(webhookId);
    if (!d) deliveries.set(webhookId, (d = { queue: [], log: [] }));
    return d;
  };
  const schedulePump = (): void => {
    if (pumpQueued) return;
    pumpQueued = true;
    queueMicrotask(() => dispatcher.pump());
  };

  // Real clocks move by themselves, so something has to look at the queues; only while needed.
  const updateTicker = (): void => {
    const pending = [...deliveries.values()].some((d) => d.queue.length > 0);
    if (pending && !ticker && clock.kind === 'real') {
      ticker = setInterval(() => dispatcher.pump(), 1000);
      ticker.unref();
    } else if (!pending && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };

  const changed = (webhookId: string, message: MessageRecord, dropped: MessageRecord[] = []): void => {
    if (!dispatcher.onChange) return;
    const queue = deliveries.get(webhookId)?.queue.map((m) => m.messageId) ?? [];
    dispatcher.onChange({ webhookId, message, dropped, queue, rng: rng.save() });
  };

  const finish = (webhookId: string, d: WebhookDeliveries, m: MessageRecord, at: number, outcome: AttemptOutcome): void => {
    m.inFlight = false;
    m.attempts.push({ number: m.attempts.length + 1, at, ...outcome });
    const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const due = ok ? null : nextDueAt(m.attempts.length - m.roundStart, clock.now());
    m.dueAt = due;
    if (due !== null) return changed(webhookId, m);
    m.state = ok ? 'delivered' : 'failed';
    if (!ok) log(`webhook message ${m.messageId} failed after ${m.attempts.length - m.roundStart} attempts; given up`);
    d.queue.shift();
    changed(webhookId, m, trimLog(d));
  };

  const start = (d: WebhookDeliveries, m: MessageRecord, hook: WebhookRecord): void => {
    m.inFlight = true;
    const at = clock.now();
    const gen = generation;
    const request = { url: hook.url, headers: signedHeaders(hook.secret, m.messageId, wallNow(), m.body), body: m.body };
    const attempt: Promise<void> = send(request, timeoutMs, abort.signal)
      .catch((error: unknown): AttemptOutcome => ({ status: null, error: `internal: ${String(error)}`, latencyMs: 0 }))
      .then((outcome) => {
        if (gen === generation && deliveries.get(hook.id) === d) finish(hook.id, d, m, at, outcome);
      })
      .finally(() => {
        inFlight.delete(attempt);
        // The next message of this queue (or a retry due at once) goes without waiting for a tick.
        if (gen === generation) dispatcher.pump();
      });
    inFlight.add(attempt);
  };

  const dispatcher: WebhookDispatcher = {
    attach(engine) {
      unsubscribe?.();
      unsubscribe = engine.onEvent((event) => dispatcher.handle(event));
    },
    handle(event) {
      const hooks = registry.list(event.agentId).filter((w) => w.events.includes(event.type));
      if (hooks.length === 0) return;
      // One message per event: every webhook it goes to sees the same id (Standard Webhooks).
      const messageId = `msg_${randomBase62(rng, 27)}`;
      const body = eventBody(event);
      for (const hook of hooks) {
        const d = deliveriesOf(hook.id);
        const full = d.queue.length >= MAX_PENDING_MESSAGES;
        const m: MessageRecord = { messageId, eventType: event.type, createdAt: event.at, body, attempts: [], roundStart: 0, inFlight: false,
          state: full ? 'failed' : 'pending', dueAt: full ? null : clock.now(),
          ...(full ? { note: `dropped: ${MAX_PENDING_MESSAGES} messages already pending` } : {}) };
        if (!full) d.queue.push(m);
        d.log.push(m);
        changed(hook.id, m, trimLog(d));
      }
      schedulePump();
    },
    pump() {
      pumpQueued = false;
      const now = clock.now();
      const hooks = new Map(registry.all().map((w) => [w.id, w]));
      for (const [id, d] of deliveries) {
        const hook = hooks.get(id);
        if (!hook) {
          deliveries.delete(id); // the webhook was deleted: nothing more goes to it
          continue;
        }
        const head = d.queue[0];
        if (head && !head.inFlight && head.dueAt !== null && head.dueAt <= now) start(d, head, hook);
      }
      updateTicker();
    },
    async idle() {
      if (pumpQueued) dispatcher.pump();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    flush() {
      dispatcher.pump();
      return dispatcher.idle();
    },
    redeliver(webhookId, messageId) {
      const d = deliveries.get(webhookId);
      const m = messageId === undefined ? d?.log.at(-1) : d?.log.find((x) => x.messageId === messageId);
      if (!d || !m) return undefined;
      if (m.state !== 'pending') {
        Object.assign(m, { state: 'pending', roundStart: m.attempts.length, dueAt: clock.now() });
        delete m.note;
        d.queue.push(m);
        changed(webhookId, m);
        schedulePump();
      }
      return m;
    },
    messages: (webhookId) => deliveries.get(webhookId)?.log ?? [],
    reset() {
      generation += 1;
      abort.abort();
      abort = new AbortController();
      deliveries.clear();
      rng = createRng(`${seed}:webhooks`);
      updateTicker();
    },
    stop() {
      dispatcher.reset();
      unsubscribe?.();
      unsubscribe = undefined;
    },
    exportState: () => ({ rng: rng.save(), webhooks: [...deliveries].map(([id, d]) => deliveriesData(id, d)) }),
    importState(data) {
      const rebuilt = data.webhooks.map((w) => [w.webhookId, buildDeliveries(w)] as const); // throws before anything changes
      dispatcher.reset();
      if (data.rng) rng.restore(data.rng);
      for (const [id, d] of rebuilt) deliveries.set(id, d);
      schedulePump();
    },
  };
  return dispatcher;
}
