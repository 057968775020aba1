// Stage 4: the quota. Per agent (60/min by default) for authenticated operations, per client
// address for registration. Headers go on every response to an identified caller, in both the
// IETF draft form and the classic X-RateLimit-* form; a refusal carries an honest Retry-After
// (a request sent that many seconds later is accepted, because GCRA's answer is exact).
import type { RequestHandler, Response } from 'express';
import type { RateDecision } from '../limits/gcra.js';
import type { MockContext } from './mock-context.js';
import { HttpProblem } from './problem.js';
import { requestState } from './request-state.js';

export function setRateLimitHeaders(res: Response, decision: RateDecision, windowSeconds: number): void {
  const resetSeconds = Math.ceil(decision.resetMs / 1000);
  res.setHeader('RateLimit-Policy', `"default";q=${decision.limit};w=${windowSeconds}`);
  res.setHeader('RateLimit', `"default";r=${decision.remaining};t=${resetSeconds}`);
  res.setHeader('X-RateLimit-Limit', String(decision.limit));
  res.setHeader('X-RateLimit-Remaining', String(decision.remaining));
  res.setHeader('X-RateLimit-Reset', String(resetSeconds));
}

export function rateLimit(ctx: MockContext): RequestHandler {
  return (req, res, next) => {
    const state = requestState(res);
    const now = ctx.clock.now();
    const address = req.socket.remoteAddress ?? 'unknown';
    let decision: RateDecision;
    if (!state.agent) {
      decision = ctx.registerLimiter.take(address, now);
    } else if (ctx.defects.has('no-rate-limit')) {
      decision = ctx.agentLimiterFor(state.agent).peek(state.agent.agentId, now);
    } else {
      decision = ctx.agentLimiterFor(state.agent).take(ctx.defects.has('rate-limit-per-address') ? address : state.agent.agentId, now);
    }
    setRateLimitHeaders(res, decision, 60);
    if (decision.allowed) return next();
    const retryAfter = Math.ceil(decision.retryAfterMs / 1000);
    const who = state.agent ? 'this agent' : 'registrations from this address';
    throw new HttpProblem('rate_limited', `${decision.limit} requests per minute are allowed for ${who}; retry in ${retryAfter} s.`, {
      extras: { retryAfter },
      headers: ctx.defects.has('no-retry-after') ? {} : { 'Retry-After': String(retryAfter) },
    });
  };
}
