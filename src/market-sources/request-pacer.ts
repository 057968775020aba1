// Client-side pacing for a rate-limited API (CoinGecko's free tier allows ~30 calls/min). Calls
// run one at a time, each starting at least minIntervalMs after the previous one started; after a
// 429 the next call waits for Retry-After, or for an exponential back-off (5 s doubling to 5 min)
// when the server gave none. Time and sleeping are injected so tests run in virtual time.
import type { EpochMs } from '../mock/engine/types.js';

export type Sleep = (ms: number) => Promise<void>;

/** setTimeout-based sleep whose timer does not keep the process alive (a mock shuts down promptly). */
export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export const BACKOFF_START_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

export interface PacerOptions {
  minIntervalMs: number;
  now: () => EpochMs;
  sleep: Sleep;
}

export class RequestPacer {
  private nextAt = -Infinity;
  private backoffMs = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PacerOptions) {
    if (!(options.minIntervalMs >= 0)) throw new RangeError(`minIntervalMs must be >= 0, got ${options.minIntervalMs}`);
  }

  /** Runs task in turn; the next task starts only after this one settled, so a 429 it reports delays the next. */
  schedule<T>(task: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      // A loop, not one sleep: a real timer may fire a little early, and the gap is a hard limit.
      for (let wait = this.nextAt - this.options.now(); wait > 0; wait = this.nextAt - this.options.now()) {
        await this.options.sleep(wait);
      }
      this.nextAt = this.options.now() + this.options.minIntervalMs;
      return task();
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** After a 429: hold every call for retryAfterMs, or the next back-off step. Returns the delay used. */
  rateLimited(retryAfterMs?: number): number {
    let delay: number;
    if (retryAfterMs !== undefined) delay = retryAfterMs;
    else {
      this.backoffMs = this.backoffMs === 0 ? BACKOFF_START_MS : Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
      delay = this.backoffMs;
    }
    this.nextAt = Math.max(this.nextAt, this.options.now() + delay);
    return delay;
  }

  /** A call got through: the next 429 without Retry-After starts the back-off from 5 s again. */
  succeeded(): void {
    this.backoffMs = 0;
  }
}

/** Longest Retry-After honoured: a misconfigured proxy must not stop refreshes for days. */
const RETRY_AFTER_MAX_MS = 3_600_000;

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unparseable. */
export function parseRetryAfter(header: string | null, now: EpochMs): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, RETRY_AFTER_MAX_MS);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - now), RETRY_AFTER_MAX_MS);
}
