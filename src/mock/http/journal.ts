// The request journal: a capped ring buffer of what the mock saw and answered, for the control
// API and for the client-side conformance runner. Secrets never enter it: signatures, secrets
// and most of each API key are redacted before an entry is stored.

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

export interface JournalFilter {
  agentId?: string;
  path?: string;
  operationId?: string;
  sinceSeq?: number;
  limit?: number;
}

export interface Journal {
  add(entry: Omit<JournalEntry, 'seq'>): void;
  list(filter?: JournalFilter): JournalEntry[];
  clear(): void;
  readonly size: number;
  readonly capacity: number;
}

const MAX_BODY_CHARS = 4096;
const SECRET_KEYS = /"(apiSecret|secret|signature)"\s*:\s*"[^"]*"/g;

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    const lower = name.toLowerCase();
    if (lower === 'x-nx-signature' || lower === 'authorization' || lower === 'webhook-signature') out[lower] = '[redacted]';
    else if (lower === 'x-nx-key') out[lower] = redactKey(text);
    else out[lower] = text;
  }
  return out;
}

/** Keeps the key's prefix (enough to tell keys apart), drops the rest. */
export function redactKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 12)}…` : key;
}

export function redactBody(text: string): string {
  const clipped = text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…[${text.length - MAX_BODY_CHARS} more chars]` : text;
  return clipped.replace(SECRET_KEYS, (_m, key: string) => `"${key}":"[redacted]"`);
}

export function createJournal(capacity = 1000): Journal {
  const ring: JournalEntry[] = [];
  let next = 0;
  let seq = 0;
  return {
    add(entry) {
      const full = { seq: ++seq, ...entry };
      if (ring.length < capacity) ring.push(full);
      else ring[next] = full;
      next = (next + 1) % capacity;
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
    get size() {
      return ring.length;
    },
    capacity,
  };
}
