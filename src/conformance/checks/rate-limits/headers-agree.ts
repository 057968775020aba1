import type { ApiResponse } from '../../../client/agent-client.js';
import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { fieldParam, intHeader, ok, probe, PROBE_TEXT, registeredLimit, windowSeconds } from './rate-limit-helpers.js';

const REQUESTS = 4;

const headerLine = (res: ApiResponse<unknown>): string =>
  ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit', 'ratelimit-policy'].map((h) => `${h}: ${res.headers[h] ?? '(none)'}`).join('; ');

export const headersAgree: Check = {
  id: 'rate-limit.headers-agree',
  title: 'X-RateLimit-* and the IETF RateLimit fields agree, and Remaining counts down by one per request',
  category: 'rate-limits',
  spec: 'Spec, components.headers: X-RateLimit-Limit "Requests allowed per window", X-RateLimit-Remaining "Requests left", RateLimit \'"default";r=59;t=1\' (r requests left), RateLimit-Policy \'"default";q=60;w=60\' (q requests per w seconds), on every response to an identified agent.',
  requirements: ['ratelimit.headers.agree', 'ratelimit.remaining.counts-down', 'ratelimit.limit.registered'],
  modes: ['sandbox', 'live'],
  needs: { register: true, usesGivenAgent: true, budget: REQUESTS + 1 },
  async run(ctx) {
    // Any agent with quota left will do (the pool guarantees it), so no registration is spent on this check.
    const agent = await ctx.agent({ permissions: ['read:market'], budget: REQUESTS + 1 });
    let previousSentAt = performance.now();
    let limit: number | undefined;
    let previous: number | undefined;
    let windowS = 60;
    for (let i = 1; i <= REQUESTS; i++) {
      const sentAt = performance.now();
      const res = await probe(agent);
      ctx.reproduceNote = `request ${i} of ${REQUESTS} ${PROBE_TEXT} from one agent`;
      if (!ok(res)) ctx.fail(`${PROBE_TEXT} (request ${i}) failed with ${res.status}`, 'a 2xx answer', `${res.status} ${res.text.slice(0, 200)}`);
      const l = intHeader(res, 'x-ratelimit-limit');
      const remaining = intHeader(res, 'x-ratelimit-remaining');
      const r = fieldParam(res.headers.ratelimit, 'r');
      const q = fieldParam(res.headers['ratelimit-policy'], 'q');
      if (l === undefined || remaining === undefined || r === undefined || q === undefined) {
        return ctx.fail(`Response ${i} lacks a rate-limit header (or has one that does not parse)`, 'X-RateLimit-Limit and X-RateLimit-Remaining integers, RateLimit with r=, RateLimit-Policy with q=', headerLine(res));
      }
      if (limit !== undefined && l !== limit) ctx.fail(`X-RateLimit-Limit changed from ${limit} to ${l} between two requests of the same agent`, `X-RateLimit-Limit: ${limit} on every response`, headerLine(res));
      limit = l;
      if (q !== l) ctx.fail(`RateLimit-Policy says q=${q} but X-RateLimit-Limit says ${l}: the two forms disagree about the limit`, `q=${l}`, headerLine(res));
      if (r !== remaining) ctx.fail(`RateLimit says r=${r} but X-RateLimit-Remaining says ${remaining}: the two forms disagree about what is left`, `r=${remaining}`, headerLine(res));
      if (remaining > l) ctx.fail(`X-RateLimit-Remaining (${remaining}) is above X-RateLimit-Limit (${l})`, `Remaining ≤ ${l}`, headerLine(res));
      // Reset is the seconds until the quota is full again: at least 1 once a unit is spent, at most the window.
      const reset = intHeader(res, 'x-ratelimit-reset');
      const t = fieldParam(res.headers.ratelimit, 't');
      if (reset === undefined || t !== reset || (remaining < l && reset < 1) || reset > windowSeconds(res)) {
        ctx.fail(
          `X-RateLimit-Reset is ${res.headers['x-ratelimit-reset'] ?? '(none)'} (RateLimit t=${t ?? 'none'}) with ${remaining} of ${l} left: it must be the seconds until the quota is full again`,
          `X-RateLimit-Reset = RateLimit t, ≥ 1 while Remaining < Limit, ≤ the ${windowSeconds(res)} s window`,
          headerLine(res),
        );
      }
      if (previous !== undefined) {
        // Between two answers a real clock may have given back a unit or more; a virtual one none.
        const slack = ctx.clock.maxRefill(performance.now() - previousSentAt, l, windowSeconds(res) * 1000);
        if (remaining > previous - 1 + slack || remaining < previous - 1) {
          ctx.fail(
            `X-RateLimit-Remaining went from ${previous} to ${remaining} over one request: it must count down by one per request`,
            `X-RateLimit-Remaining: ${previous - 1}${slack > 0 ? ` (up to ${previous - 1 + slack} with refill)` : ''}`,
            headerLine(res),
          );
        }
      }
      previous = remaining;
      previousSentAt = sentAt;
      windowS = windowSeconds(res);
    }
    const registered = registeredLimit(agent);
    if (registered !== undefined && limit !== undefined && windowS === 60 && registered !== limit) {
      ctx.fail(`The registration said rateLimit '${registered} requests/min' but X-RateLimit-Limit says ${limit}`, `X-RateLimit-Limit: ${registered}`, `X-RateLimit-Limit: ${limit}`);
    }
    return pass(`over ${REQUESTS} requests X-RateLimit-Limit stayed ${limit}, Remaining counted down by one, RateLimit r= matched Remaining and RateLimit-Policy q= matched the limit`);
  },
};
