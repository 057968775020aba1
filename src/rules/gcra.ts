// GCRA (generic cell rate algorithm): the rate limiter behind every per-agent and per-address
// quota. Chosen over a fixed window because it never lets a client burst 2× the quota across a
// window edge, and over a sliding log because its state is one number per key.
//
// Semantics: `limit` requests per `periodMs`, with a burst of `limit`. Each request moves the
// key's theoretical arrival time (TAT) forward by one emission interval T = periodMs / limit.
// A request at `now` is allowed when TAT - now <= periodMs - T. That makes "60 per minute"
// mean exactly what people expect: 60 requests at once are allowed, the 61st is refused, and
// one more is allowed every second after that.

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests that could still be sent right now. */
  remaining: number;
  /** Ms until the quota is fully restored (remaining === limit). */
  resetMs: number;
  /** Ms until the next request would be allowed; 0 when allowed. */
  retryAfterMs: number;
}

export interface Gcra {
  take(key: string, now: number): RateDecision;
  peek(key: string, now: number): RateDecision;
  reset(): void;
  size(): number;
  /** Each key's theoretical arrival time, stalest first: what a state file keeps. */
  entries(): Array<[key: string, tat: number]>;
  /** Replaces every key's state (entries stalest first, as entries() gives them). */
  restore(entries: ReadonlyArray<readonly [key: string, tat: number]>): void;
  /** Notified with the key and its new state after every take() that moved it (a write-ahead store listens). */
  onTake?: (key: string, tat: number) => void;
}

export function createGcra(limit: number, periodMs: number, maxKeys = 100_000): Gcra {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`rate limit must be a positive integer, got ${limit}`);
  const interval = periodMs / limit;
  const tolerance = periodMs - interval;
  const tats = new Map<string, number>();

  function decide(key: string, now: number, consume: boolean): RateDecision {
    const tat = Math.max(tats.get(key) ?? now, now);
    const allowed = tat - now <= tolerance;
    const newTat = allowed && consume ? tat + interval : tat;
    if (allowed && consume) {
      tats.delete(key); // re-insert keeps Map order = recency, so eviction drops the stalest key
      tats.set(key, newTat);
      if (tats.size > maxKeys) tats.delete(tats.keys().next().value as string);
    }
    const backlog = newTat - now;
    const remaining = Math.max(0, Math.floor((tolerance - backlog) / interval) + 1);
    return {
      allowed,
      limit,
      remaining: Math.min(limit, remaining),
      resetMs: Math.max(0, Math.ceil(backlog)),
      retryAfterMs: allowed ? 0 : Math.max(1, Math.ceil(tat - tolerance - now)),
    };
  }

  const gcra: Gcra = {
    take: (key, now) => {
      const decision = decide(key, now, true);
      if (decision.allowed && gcra.onTake) gcra.onTake(key, tats.get(key) as number);
      return decision;
    },
    peek: (key, now) => decide(key, now, false),
    reset: () => tats.clear(),
    size: () => tats.size,
    entries: () => [...tats],
    restore(entries) {
      tats.clear();
      for (const [key, tat] of entries) if (typeof key === 'string' && Number.isFinite(tat)) tats.set(key, tat);
    },
  };
  return gcra;
}
