// Shared by the rate-limit checks: read the advertised limit, and spend a fresh agent's quota
// until the server answers 429. Against servers on a wall clock the quota refills while the
// burst is sent, so the number of extra requests allowed before the 429 grows with elapsed time.
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

/** Requests that may have been refilled in `elapsedMs` on a wall clock (0 on the mock's virtual clock). */
export function refillAllowance(ctx: CheckContext, elapsedMs: number, limit: number, windowS: number): number {
  if (ctx.control) return 0;
  return Math.ceil((elapsedMs / (windowS * 1000)) * limit) + 1;
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
  /** Requests accepted before the refusal. */
  accepted: number;
  /** The 429. */
  refused: ApiResponse<unknown>;
}

/**
 * Sends the probe until the server answers 429. When `strict`, each of the first `limit`
 * requests must be accepted (a refusal there fails the check).
 */
export async function exhaust(ctx: CheckContext, agent: TestAgent, strict: boolean): Promise<Exhausted> {
  const started = performance.now();
  const first = await probe(agent);
  if (!ok(first) && first.status !== 429) {
    ctx.fail(`${PROBE_TEXT}, the first request of a fresh agent, failed with ${first.status}`, 'a 2xx answer', brief(first));
  }
  const limit = limitOf(ctx, agent, first);
  const windowS = windowSeconds(first);
  if (first.status === 429) {
    if (strict) ctx.fail(`The server refused the very first request of a fresh agent with 429, although its limit is ${limit} per ${windowS} s`, `${limit} requests accepted, then 429`, brief(first));
    return { limit, accepted: 0, refused: first };
  }
  let accepted = 1;
  for (;;) {
    const res = await probe(agent);
    if (res.status === 429) {
      if (strict && accepted < limit) {
        ctx.fail(
          `The server refused request ${accepted + 1} of a fresh agent with 429, although X-RateLimit-Limit is ${limit}: it allows fewer requests than it advertises`,
          `${limit} requests accepted, then 429`,
          `${accepted} accepted, then ${brief(res)}`,
        );
      }
      return { limit, accepted, refused: res };
    }
    if (!ok(res)) ctx.fail(`${PROBE_TEXT} (request ${accepted + 1} of a burst) failed with ${res.status}`, 'a 2xx answer or 429 rate_limited', brief(res));
    accepted += 1;
    const allowed = limit + refillAllowance(ctx, performance.now() - started, limit, windowS);
    if (accepted > allowed) {
      ctx.fail(
        `The server accepted ${accepted} requests in a row from one agent whose limit is ${limit} per ${windowS} s: the rate limit is not enforced (request ${limit + 1} must get 429 rate_limited)`,
        `429 rate_limited after ${limit} requests`,
        `${accepted} requests accepted; the last answered ${res.status}`,
      );
    }
  }
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
