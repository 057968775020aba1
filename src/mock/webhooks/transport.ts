// One HTTP attempt. This is the only part of delivery that touches the wall clock (latency and
// the time-out are real time, whatever the mock's clock says) and the network. It never throws:
// every outcome, including refusals by --webhook-targets, becomes a status or an error text.
import { performance } from 'node:perf_hooks';
import { deliveryRefusal, defaultLookup, type Lookup, type WebhookTargets } from './url-policy.js';

export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface AttemptOutcome {
  /** The receiver's HTTP status, or null when there was none. */
  status: number | null;
  /** Why there was no status: time-out, connection error, refused target. */
  error: string | null;
  latencyMs: number;
}

/** `signal` aborts the attempt early (the mock was reset or stopped). */
export type Transport = (request: AttemptRequest, timeoutMs: number, signal: AbortSignal) => Promise<AttemptOutcome>;

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timeout: no response within ${timeoutMs} ms`;
  if (error instanceof Error && error.name === 'AbortError') return 'aborted: the mock was reset or stopped';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `network: ${detail}`;
}

/** Rejects when `signal` aborts, so a hanging dns.lookup cannot outlive the time-out. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// RFC 2606/6761 names for documentation and tests. They can never be a real receiver, and
// example.com/.net/.org do resolve to public hosts, so sending there would only leak traffic
// from people's test suites (and ours) to the internet.
const RESERVED = /(^|\.)(example\.(com|net|org)|[^.]+\.(example|invalid|test))$|(^|\.)(example|invalid|test)$/i;

export function isReservedHost(url: string): boolean {
  try {
    return RESERVED.test(new URL(url).hostname.replace(/\.$/, ''));
  } catch {
    return false;
  }
}

export function createFetchTransport(targets: WebhookTargets, lookup: Lookup = defaultLookup): Transport {
  return async (request, timeoutMs, stop) => {
    const started = performance.now();
    const outcome = (status: number | null, error: string | null): AttemptOutcome => ({
      status,
      error,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
    });
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]);
    try {
      const refusal = await raceAbort(deliveryRefusal(request.url, targets, lookup), signal);
      if (refusal !== null) return outcome(null, `url_not_allowed: ${refusal}`);
      if (isReservedHost(request.url)) return outcome(null, 'reserved_domain: a documentation/test domain (RFC 2606) is never delivered to');
      // redirect: 'manual': a 3xx is a failed attempt (Standard Webhooks), and following it could
      // lead past --webhook-targets.
      const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal });
      // The body is of no interest; cancelling frees the connection without reading a huge answer.
      await res.body?.cancel().catch(() => {});
      return outcome(res.status, null);
    } catch (error) {
      return outcome(null, describeError(error, timeoutMs));
    }
  };
}
