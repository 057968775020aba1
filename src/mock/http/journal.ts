// The request journal: a capped ring buffer of what the mock saw and answered, for the control
// API and for the client-side conformance runner. Secrets never leave it: signatures, secrets
// and most of each API key are redacted. The path is redacted when an entry is added; the query,
// headers and bodies (the costly part) when it is first read, so a request pays nothing for a
// journal nobody reads. Until then an entry holds clipped copies of them, never more.
import type { StageName } from '../../rules/judging.js';

/** Who answered with a problem: a rule (its stage), an injected fault, the operation, or HTTP itself. */
export type Refuser = StageName | 'fault' | 'handler' | 'http';

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

/** The parts of an entry that hold what a client sent, redacted on first read. */
export type JournalDetails = Pick<JournalEntry, 'query' | 'requestHeaders' | 'requestBody' | 'responseBody'>;
type JournalMeta = Omit<JournalEntry, keyof JournalDetails>;

/**
 * An entry whose details are computed when first read. They are own enumerable getters, so
 * spreading an entry or JSON.stringify() reads them like plain fields.
 */
class Recorded {
  #pending: (() => JournalDetails) | undefined;
  #shown: JournalDetails | undefined;

  constructor(meta: JournalMeta, details: () => JournalDetails) {
    Object.assign(this, meta);
    this.#pending = details;
    Object.defineProperties(this, DETAIL_GETTERS);
  }

  details(): JournalDetails {
    if (this.#shown === undefined) {
      this.#shown = (this.#pending as () => JournalDetails)();
      this.#pending = undefined; // the raw parts can go
    }
    return this.#shown;
  }
}

const getter = <K extends keyof JournalDetails>(key: K): PropertyDescriptor => ({
  enumerable: true,
  get(this: Recorded) {
    return this.details()[key];
  },
});
const DETAIL_GETTERS: PropertyDescriptorMap = {
  query: getter('query'),
  requestHeaders: getter('requestHeaders'),
  requestBody: getter('requestBody'),
  responseBody: getter('responseBody'),
};

export interface Journal {
  /** Adds an entry; `details` is called at most once, when the entry is first read. */
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
      const full = new Recorded({ seq: ++seq, ...entry }, details) as unknown as JournalEntry;
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
