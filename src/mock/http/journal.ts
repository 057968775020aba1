// The request journal: a capped ring buffer of what the mock saw and answered, for the control
// API and for the client-side conformance runner. Secrets never enter it: signatures, secrets
// and most of each API key are redacted before an entry is stored (issue 16: a secret never sits
// unredacted in the journal, not even until someone reads it). Entries hold clipped copies only.
import type { Refuser } from './refuser.js';

export interface JournalEntry {
  seq: number;
  at: string;
  requestId: string;
  method: string;
  path: string;
  query: string;
  operationId: string | null;
  agentId: string | null;
  status: number;
  code: string | null;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseBody: string;
}

/**
 * One request as it arrived, unredacted, for an in-process recorder (MockOptions.onRequest):
 * the client-side conformance runner needs the exact bytes and signature to judge signing.
 * It is handed over in memory only and never stored in the journal.
 */
export interface RawRequestRecord {
  requestId: string;
  method: string;
  /** The full path as received (percent-encoding kept), without the query. */
  path: string;
  /** The raw query string without '?'. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The mock clock when the request arrived and when its answer went out (epoch ms). */
  receivedAt: number;
  at: number;
  /** The client's address as the socket reports it (undefined once the socket is gone). */
  clientAddress?: string;
  operationId: string | null;
  agentId: string | null;
  status: number;
  problemCode: string | null;
  /** Who refused the request: a rule's stage (route, authenticate, …), 'fault', 'handler', 'http'; null when answered 2xx. */
  refusedBy?: Refuser | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

export interface JournalFilter {
  agentId?: string;
  path?: string;
  operationId?: string;
  sinceSeq?: number;
  limit?: number;
}

/** The parts of an entry that hold what a client sent: redacted (by `details`) before storing. */
export type JournalDetails = Pick<JournalEntry, 'query' | 'requestHeaders' | 'requestBody' | 'responseBody'>;
type JournalMeta = Omit<JournalEntry, keyof JournalDetails>;

export interface Journal {
  /** Adds an entry; `details` (which redacts) is called at once, before anything is stored. */
  add(entry: Omit<JournalMeta, 'seq'>, details: () => JournalDetails): void;
  list(filter?: JournalFilter): JournalEntry[];
  clear(): void;
  /** Calls `listener` with each entry as it is added (the dashboard's event feed); returns unsubscribe. */
  subscribe(listener: (entry: JournalEntry) => void): () => void;
  readonly size: number;
  readonly capacity: number;
}

export function createJournal(capacity = 1000): Journal {
  const ring: JournalEntry[] = [];
  let next = 0;
  let seq = 0;
  const listeners = new Set<(entry: JournalEntry) => void>();
  return {
    add(entry, details) {
      const full: JournalEntry = { seq: ++seq, ...entry, ...details() };
      if (ring.length < capacity) ring.push(full);
      else ring[next] = full;
      next = (next + 1) % capacity;
      for (const listener of listeners) listener(full);
    },
    list(filter = {}) {
      const ordered = ring.length < capacity ? ring.slice() : [...ring.slice(next), ...ring.slice(0, next)];
      const kept = ordered.filter(
        (e) =>
          (filter.agentId === undefined || e.agentId === filter.agentId) &&
          (filter.path === undefined || e.path === filter.path || e.path.startsWith(`${filter.path}/`)) &&
          (filter.operationId === undefined || e.operationId === filter.operationId) &&
          (filter.sinceSeq === undefined || e.seq > filter.sinceSeq),
      );
      return filter.limit === undefined ? kept : kept.slice(-filter.limit);
    },
    clear() {
      ring.length = 0;
      next = 0;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get size() {
      return ring.length;
    },
    capacity,
  };
}
