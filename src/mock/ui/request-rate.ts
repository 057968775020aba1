// Requests and errors per wall-clock minute, for the dashboard's Overview. Wall clock on purpose:
// "how busy is the mock" is about real load, and a virtual or fixed clock may not move at all.
// Constant memory and O(1) per request (two ring buffers of counters), so counting costs nothing
// measurable on the request path whether or not anybody watches.
import { performance } from 'node:perf_hooks';

export interface RateSnapshot {
  windowSeconds: number;
  requests: number;
  errors: number;
  /** Oldest first; the last entry is the current, partial minute. */
  perMinute: Array<{ minutesAgo: number; requests: number; errors: number }>;
}

export interface RequestRate {
  record(status: number): void;
  snapshot(): RateSnapshot;
}

const SECONDS = 60;
const MINUTES = 30;

interface Bucket {
  key: number;
  requests: number;
  errors: number;
}

const ring = (n: number): Bucket[] => Array.from({ length: n }, () => ({ key: -1, requests: 0, errors: 0 }));

function bump(buckets: Bucket[], key: number, error: boolean): void {
  const bucket = buckets[key % buckets.length] as Bucket;
  if (bucket.key !== key) {
    bucket.key = key;
    bucket.requests = 0;
    bucket.errors = 0;
  }
  bucket.requests += 1;
  if (error) bucket.errors += 1;
}

/** `nowMs` is a monotonic millisecond clock (performance.now by default; tests pass their own). */
export function createRequestRate(nowMs: () => number = () => performance.now()): RequestRate {
  const seconds = ring(SECONDS);
  const minutes = ring(MINUTES);
  return {
    record(status) {
      const t = nowMs();
      const error = status >= 400;
      bump(seconds, Math.floor(t / 1000), error);
      bump(minutes, Math.floor(t / 60_000), error);
    },
    snapshot() {
      const t = nowMs();
      const second = Math.floor(t / 1000);
      let requests = 0;
      let errors = 0;
      for (const b of seconds) {
        if (b.key > second - SECONDS && b.key <= second) {
          requests += b.requests;
          errors += b.errors;
        }
      }
      const minute = Math.floor(t / 60_000);
      const perMinute: RateSnapshot['perMinute'] = [];
      for (let ago = MINUTES - 1; ago >= 0; ago--) {
        const b = minutes[(((minute - ago) % MINUTES) + MINUTES) % MINUTES] as Bucket;
        const live = b.key === minute - ago;
        perMinute.push({ minutesAgo: ago, requests: live ? b.requests : 0, errors: live ? b.errors : 0 });
      }
      return { windowSeconds: SECONDS, requests, errors, perMinute };
    },
  };
}
