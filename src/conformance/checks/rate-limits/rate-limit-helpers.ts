// Shared by the rate-limit checks: read the advertised limit, and spend a fresh agent's quota
// until the server answers 429. The quota goes out all at once (concurrently, in waves), as the
// documented burst allows; then one request at a time until the 429. On a real clock the quota
// refills while that happens (GCRA: one request per emission interval, so "60 per minute" lets the
// 61st through once a second has passed), so the requests allowed before the 429 grow with the time
// that really passed, measured from before the first request: the server's clock kind decides.
import type { ApiResponse } from '../../../client/agent-client.js';
import type { TestAgent } from '../../agent-pool.js';
import type { CheckContext } from '../../check-context.js';

/** A request any agent with read:market may send, cheap for the server. */
export const PROBE = { method: 'GET', path: '/market', query: { coins: 'bitcoin' } } as const;
export const PROBE_TEXT = 'GET /market?coins=bitcoin';

/** Highest limit the checks will spend in one burst. */
export const MAX_BURST = 600;

export const probe = (agent: TestAgent): Promise<ApiResponse<unknown>> => agent.client.send(PROBE.method, PROBE.path, { query: { ...PROBE.query } });

export const ok = (res: ApiResponse<unknown>): boolean => res.status >= 200 && res.status <= 299;

const brief = (res: ApiResponse<unknown>): string => `${res.status} ${res.text.slice(0, 200)}`;

/** A non-negative integer header, or undefined when absent or malformed. */
export function intHeader(res: ApiResponse<unknown>, name: string): number | undefined {
  const value = res.headers[name.toLowerCase()];
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/** One parameter (`q`, `w`, `r`, `t`) of a structured RateLimit / RateLimit-Policy field. */
export function fieldParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const match = new RegExp(`;\\s*${name}=(\\d+)`).exec(value);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The quota window in seconds (RateLimit-Policy w=, else 60). */
export function windowSeconds(res: ApiResponse<unknown>): number {
  const w = fieldParam(res.headers['ratelimit-policy'], 'w');
  return w !== undefined && w > 0 ? w : 60;
}

/** The limit the registration advertised (`rateLimit: "60 requests/min"`), if any. */
export function registeredLimit(agent: TestAgent): number | undefined {
  const text = (agent.registration?.json as { agent?: { rateLimit?: unknown } } | undefined)?.agent?.rateLimit;
  const match = typeof text === 'string' ? /^(\d+)\s*requests?\s*\/\s*min/.exec(text) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** At most this many requests are in flight at once (servers queue only so many connections). */
export const CONCURRENCY = 32;

/** Sends `n` probes concurrently, in waves of at most CONCURRENCY; answers in the order sent. */
export async function probeWave(agent: TestAgent, n: number): Promise<ApiResponse<unknown>[]> {
  const out: ApiResponse<unknown>[] = [];
  for (let sent = 0; sent < n; sent += CONCURRENCY) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n - sent) }, () => probe(agent)))));
  }
  return out;
}

/** The limit from the first response's X-RateLimit-Limit, else the registration; fails when neither says. */
export function limitOf(ctx: CheckContext, agent: TestAgent, first: ApiResponse<unknown>): number {
  const limit = intHeader(first, 'x-ratelimit-limit') ?? registeredLimit(agent);
  if (limit === undefined || limit < 1) {
    ctx.fail(
      `${PROBE_TEXT} answered without a usable X-RateLimit-Limit header, and the registration gave no rateLimit: the agent cannot tell its quota`,
      'X-RateLimit-Limit: <integer ≥ 1> on every response to an identified agent',
      `X-RateLimit-Limit: ${first.headers['x-ratelimit-limit'] ?? 'none'}`,
    );
  }
  if (limit > MAX_BURST) ctx.skip(`the rate limit is ${limit} requests per window; the check spends at most ${MAX_BURST} requests in a burst`);
  return limit;
}

export interface Exhausted {
  limit: number;
  windowS: number;
  /** The fresh agent's first answer, sent alone. */
  first: ApiResponse<unknown>;
  /** Every accepted answer, the first included. */
  accepted: ApiResponse<unknown>[];
  /** The first 429. */
  refused: ApiResponse<unknown>;
  /** Wall time from before the first request to after the last answer. */
  elapsedMs: number;
}

/** Requests sent one at a time after the burst before the check gives up waiting for a 429. */
const MAX_FOLLOW_UPS = 20;

/**
 * Spends a fresh agent's quota: one request alone (its answer says what the limit is), the rest of
 * the quota at once, then one request at a time until the server answers 429. When `strict`, each
 * of the quota's requests must be accepted (a refusal within it fails the check). Fails when the
 * server accepts more than the quota plus what the time that passed can have refilled.
 */
export async function exhaust(ctx: CheckContext, agent: TestAgent, strict: boolean): Promise<Exhausted> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  const first = await probe(agent);
  if (!ok(first) && first.status !== 429) {
    ctx.fail(`${PROBE_TEXT}, the first request of a fresh agent, failed with ${first.status}`, 'a 2xx answer', brief(first));
  }
  const limit = limitOf(ctx, agent, first);
  const windowS = windowSeconds(first);
  const allowed = (): number => limit + ctx.clock.refilled(elapsed(), limit, windowS * 1000);
  const result = (accepted: ApiResponse<unknown>[], refused: ApiResponse<unknown>): Exhausted => ({ limit, windowS, first, accepted, refused, elapsedMs: elapsed() });
  if (first.status === 429) {
    if (strict) ctx.fail(`The server refused the very first request of a fresh agent with 429, although its limit is ${limit} per ${windowS} s`, `${limit} requests accepted, then 429`, brief(first));
    return result([], first);
  }
  const accepted = [first];
  const burst = await probeWave(agent, limit - 1);
  const odd = burst.find((res) => !ok(res) && res.status !== 429);
  if (odd) ctx.fail(`${PROBE_TEXT} (in a burst of ${limit}) failed with ${odd.status}`, 'a 2xx answer or 429 rate_limited', brief(odd));
  accepted.push(...burst.filter(ok));
  let refused = burst.find((res) => res.status === 429);
  if (refused && strict) {
    ctx.fail(
      `The server refused ${limit - accepted.length} of the ${limit} requests a fresh agent sent at once with 429, although X-RateLimit-Limit is ${limit}: it allows fewer requests than it advertises`,
      `${limit} requests accepted, then 429`,
      `${accepted.length} accepted, then ${brief(refused)}`,
    );
  }
  for (let followUps = 0; !refused; followUps++) {
    if (followUps === MAX_FOLLOW_UPS) {
      return ctx.skip(
        `the quota refilled as fast as single requests reached the server: ${accepted.length} accepted in ${(elapsed() / 1000).toFixed(1)} s with a limit of ${limit} per ${windowS} s, and no 429 came; the server is too slow (or too far) for this check`,
      );
    }
    const res = await probe(agent);
    if (res.status === 429) {
      refused = res;
      break;
    }
    if (!ok(res)) ctx.fail(`${PROBE_TEXT} (request ${accepted.length + 1} of a burst) failed with ${res.status}`, 'a 2xx answer or 429 rate_limited', brief(res));
    accepted.push(res);
    if (accepted.length > allowed()) {
      const took = `${(elapsed() / 1000).toFixed(2)} s`;
      ctx.fail(
        `The server accepted ${accepted.length} requests from one fresh agent within ${took}, whose limit is ${limit} per ${windowS} s: at most ${allowed()} can be allowed then (the quota, plus one per ${windowS / limit} s that passed on a ${ctx.clock.kind} clock); the rate limit is not enforced`,
        `429 rate_limited after at most ${allowed()} requests`,
        `${accepted.length} requests accepted in ${took}; the last answered ${res.status}`,
      );
    }
  }
  return result(accepted, refused);
}

/** The 429's Retry-After in seconds; fails unless it is an integer ≥ 1. */
export function retryAfterOf(ctx: CheckContext, refused: ApiResponse<unknown>): number {
  const value = refused.headers['retry-after'];
  if (value === undefined) {
    ctx.fail(
      'The 429 carries no Retry-After header: the agent cannot tell when it may send again',
      'Retry-After: <integer seconds ≥ 1> on every 429',
      `no Retry-After; headers ${Object.keys(refused.headers).join(', ')}`,
    );
  }
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    ctx.fail(`The 429's Retry-After is '${value}', not an integer number of seconds ≥ 1`, 'Retry-After: <integer ≥ 1>', `Retry-After: ${value}`);
  }
  return Number(value);
}
