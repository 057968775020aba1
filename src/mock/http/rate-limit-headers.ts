// The quota headers on every answer to an identified caller, in both the IETF draft form and the
// classic X-RateLimit-* form. The policy line and the limit are the same on every answer under one
// quota, so their strings are built when the quota changes rather than on every request.
import type { Response } from 'express';
import type { RateDecision } from '../../rules/gcra.js';

interface QuotaStrings {
  policy: string;
  limit: number;
  windowSeconds: number;
  /** The RateLimit-Policy value. */
  policyHeader: string;
  /** The start of the RateLimit value, up to the remaining count. */
  ratePrefix: string;
  limitHeader: string;
}

// A mock has a handful of quotas (the default and per-agent overrides): the last one is kept, and
// a caller under another quota rebuilds it (a few string joins, as every request did before).
let last: QuotaStrings | undefined;

function quotaStrings(policy: string, limit: number, windowSeconds: number): QuotaStrings {
  const q = last;
  if (q !== undefined && q.limit === limit && q.windowSeconds === windowSeconds && q.policy === policy) return q;
  last = { policy, limit, windowSeconds, policyHeader: `"${policy}";q=${limit};w=${windowSeconds}`, ratePrefix: `"${policy}";r=`, limitHeader: String(limit) };
  return last;
}

export function setRateLimitHeaders(res: Response, decision: RateDecision, windowSeconds: number, policy = 'default'): void {
  const q = quotaStrings(policy, decision.limit, windowSeconds);
  const resetSeconds = String(Math.ceil(decision.resetMs / 1000));
  const remaining = String(decision.remaining);
  res.setHeader('RateLimit-Policy', q.policyHeader);
  res.setHeader('RateLimit', `${q.ratePrefix}${remaining};t=${resetSeconds}`);
  res.setHeader('X-RateLimit-Limit', q.limitHeader);
  res.setHeader('X-RateLimit-Remaining', remaining);
  res.setHeader('X-RateLimit-Reset', resetSeconds);
}
