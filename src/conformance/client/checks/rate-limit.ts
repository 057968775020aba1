// After a 429 the client must wait at least Retry-After before its next request. Timing is taken
// on the mock's side: the 429 leaves at `at`, the next request arrives at `receivedAt`.
import type { RawRequestRecord } from '../../../mock/index.js';
import { describe, fail, pass, skip, type ClientCheck } from '../client-check.js';

/** Timer granularity on both sides; a client that ignores Retry-After comes back in a few ms. */
const TOLERANCE_MS = 50;

/** "the 429" or "each of 3 429s", for messages. */
export const each429 = (n: number): string => (n === 1 ? 'the 429' : `each of ${n} 429s`);

export function retryAfterMs(rec: RawRequestRecord): number {
  const value = Number(rec.responseHeaders['retry-after']);
  return Number.isFinite(value) && value >= 0 ? value * 1000 : 1000;
}

/** Each 429 paired with the first request that arrived after it was answered. */
export function earlyRetries(requests: readonly RawRequestRecord[]): { limited: RawRequestRecord; next: RawRequestRecord; waitedMs: number; neededMs: number }[] {
  const out = [];
  for (const limited of requests.filter((r) => r.status === 429)) {
    const next = requests.find((r) => r.receivedAt >= limited.at && r !== limited);
    if (!next) continue;
    const waitedMs = next.receivedAt - limited.at;
    const neededMs = retryAfterMs(limited);
    if (waitedMs + TOLERANCE_MS < neededMs) out.push({ limited, next, waitedMs, neededMs });
  }
  return out;
}

export const rateLimitCheck: ClientCheck = {
  id: 'client.rate-limit',
  title: 'Stays inside the rate limit, or waits Retry-After after a 429',
  category: 'client',
  spec: 'A 429 carries Retry-After (seconds); a request sent that many seconds later is accepted. Clients wait at least Retry-After before the next request.',
  run(run) {
    if (run.requests.length === 0) return skip('the client sent no requests');
    const limited = run.requests.filter((r) => r.status === 429);
    if (limited.length === 0) return pass(`no 429 in ${run.requests.length} requests`);
    const early = earlyRetries(run.requests);
    const first = early[0];
    if (!first) return pass(`waited Retry-After after ${each429(limited.length)}`);
    return fail(
      run,
      `${describe(first.next)} came ${first.waitedMs} ms after a 429 whose Retry-After asked for ${first.neededMs / 1000} s (${early.length} early request${early.length === 1 ? '' : 's'})`,
      `at least Retry-After (${first.neededMs} ms) between a 429 and the next request`,
      early.slice(0, 5).map((e) => `${e.waitedMs} ms after ${describe(e.limited)}, then ${describe(e.next)}`).join('\n'),
      early.flatMap((e) => [e.next, e.limited]),
      { rerun: true },
    );
  },
};
