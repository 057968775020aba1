// The quota headers on every answer to an identified caller, in both the IETF draft form and the
// classic X-RateLimit-* form.
import type { Response } from 'express';
import type { RateDecision } from '../../rules/gcra.js';

export function setRateLimitHeaders(res: Response, decision: RateDecision, windowSeconds: number, policy = 'default'): void {
  const resetSeconds = Math.ceil(decision.resetMs / 1000);
  res.setHeader('RateLimit-Policy', `"${policy}";q=${decision.limit};w=${windowSeconds}`);
  res.setHeader('RateLimit', `"${policy}";r=${decision.remaining};t=${resetSeconds}`);
  res.setHeader('X-RateLimit-Limit', String(decision.limit));
  res.setHeader('X-RateLimit-Remaining', String(decision.remaining));
  res.setHeader('X-RateLimit-Reset', String(resetSeconds));
}
