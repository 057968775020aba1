// The mock's Server-Sent Events feed (GET /__nx/events), which keeps the dashboard live.
//
// Cheap when nobody listens: every publish starts with "is anybody there?" and returns, so the
// only per-request work left is the request-rate counter. When somebody listens, events are
// queued and written in one chunk per client at most every `flushEveryMs`, so a burst of API
// traffic costs one write per batch instead of one per request. A client that reads too slowly
// is cut off (EventSource reconnects and the dashboard refetches), and a queue that overflows is
// replaced by one `lagged` event, so neither can grow memory without bound.
import type { ServerResponse } from 'node:http';
import type { Engine, EngineEvent } from '../engine/index.js';
import type { JournalEntry } from '../http/journal.js';
import { createRequestRate, type RateSnapshot, type RequestRate } from './request-rate.js';

export type HubEventType = 'hello' | 'request' | 'engine' | 'control' | 'stats' | 'lagged';

export interface EventHubOptions {
  flushEveryMs?: number;
  /** Also the heartbeat that keeps idle connections open through proxies. */
  statsEveryMs?: number;
  maxClients?: number;
  /** Events queued between two flushes before the batch is replaced by one `lagged` event. */
  maxQueued?: number;
  /** Bytes a client may leave unread before it is disconnected. */
  maxBufferedBytes?: number;
  rate?: RequestRate;
}

export interface EventHub {
  /** Starts streaming to `res` (headers already sent); false when the hub is full or closed. */
  open(res: ServerResponse, hello: unknown): boolean;
  publish(type: HubEventType, data: unknown): void;
  /** The journal's listener: counts the request and, for listeners, announces it. */
  requestDone(entry: JournalEntry): void;
  /** Follows this engine's events (again after a reset, which builds a new engine). */
  attach(engine: Engine): void;
  stats(): RateSnapshot & { streams: number };
  readonly streams: number;
  /** Whether open() would take another stream now. */
  readonly accepting: boolean;
  /** Ends every stream (the mock is shutting down); later open() calls are refused. */
  close(): void;
}

export function sseMessage(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function createEventHub(options: EventHubOptions = {}): EventHub {
  const { flushEveryMs = 100, statsEveryMs = 2_000, maxClients = 32, maxQueued = 5_000, maxBufferedBytes = 4 * 1024 * 1024 } = options;
  const rate = options.rate ?? createRequestRate();
  const clients = new Set<ServerResponse>();
  let queue: string[] = [];
  let dropped = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  let statsTimer: NodeJS.Timeout | undefined;
  let detach: (() => void) | undefined;
  let closed = false;

  const drop = (res: ServerResponse): void => {
    clients.delete(res);
    if (!res.writableEnded) res.end();
    if (clients.size === 0 && statsTimer) {
      clearInterval(statsTimer);
      statsTimer = undefined;
    }
  };

  const flush = (): void => {
    flushTimer = undefined;
    // Once events were dropped the batch has a hole; one `lagged` tells the client to refetch.
    if (dropped > 0) queue = [sseMessage('lagged', { dropped: dropped + queue.length })];
    dropped = 0;
    const chunk = queue.join('');
    queue = [];
    for (const res of clients) {
      if (res.writableLength > maxBufferedBytes) drop(res);
      else res.write(chunk);
    }
  };

  const hub: EventHub = {
    open(res, hello) {
      if (closed || clients.size >= maxClients) return false;
      clients.add(res);
      res.write(`retry: 2000\n\n${sseMessage('hello', hello)}`);
      res.on('close', () => drop(res));
      statsTimer ??= setInterval(() => hub.publish('stats', hub.stats()), statsEveryMs).unref();
      return true;
    },
    publish(type, data) {
      if (clients.size === 0) return;
      if (queue.length >= maxQueued) dropped += 1;
      else queue.push(sseMessage(type, data));
      flushTimer ??= setTimeout(flush, flushEveryMs).unref();
    },
    requestDone(entry) {
      rate.record(entry.status);
      if (clients.size === 0) return;
      const { seq, at, method, path, operationId, agentId, status, code, durationMs } = entry;
      hub.publish('request', { seq, at, method, path, operationId, agentId, status, code, durationMs });
    },
    attach(engine) {
      detach?.();
      detach = engine.onEvent((event: EngineEvent) => {
        if (clients.size === 0) return;
        const order = event.order;
        hub.publish('engine', {
          type: event.type,
          agentId: event.agentId,
          at: new Date(event.at).toISOString(),
          orderId: order?.orderId ?? null,
          symbol: order?.symbol ?? null,
          status: order?.status ?? null,
        });
      });
    },
    stats: () => ({ ...rate.snapshot(), streams: clients.size }),
    get streams() {
      return clients.size;
    },
    get accepting() {
      return !closed && clients.size < maxClients;
    },
    close() {
      closed = true;
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
      for (const res of [...clients]) drop(res);
      detach?.();
    },
  };
  return hub;
}
