// The RateLimit headers keep the strings of the last quota (src/mock/http/rate-limit-headers.ts).
// Whatever sequence of quotas, policies and decisions comes along, every answer must carry the
// headers formatted afresh from its own decision, never a previous quota's.
import type { Response } from 'express';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setRateLimitHeaders } from '../../src/mock/http/rate-limit-headers.js';

function headersOf(fn: (res: Response) => void): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fn({ setHeader: (name: string, value: unknown) => void (out[name] = value) } as unknown as Response);
  return out;
}

/** The headers as the draft and the X-RateLimit convention spell them, built from scratch. */
function expected(limit: number, remaining: number, resetMs: number, windowSeconds: number, policy: string): Record<string, unknown> {
  const reset = Math.ceil(resetMs / 1000);
  return {
    'RateLimit-Policy': `"${policy}";q=${limit};w=${windowSeconds}`,
    RateLimit: `"${policy}";r=${remaining};t=${reset}`,
    'X-RateLimit-Limit': `${limit}`,
    'X-RateLimit-Remaining': `${remaining}`,
    'X-RateLimit-Reset': `${reset}`,
  };
}

describe('setRateLimitHeaders', () => {
  it('formats every answer from its own quota and decision, across quota changes', () => {
    // Few distinct values, so consecutive calls often share a quota (the kept strings) and often not.
    const call = fc.record({
      limit: fc.constantFrom(1, 60, 600, 1_000),
      windowSeconds: fc.constantFrom(1, 60),
      policy: fc.option(fc.constantFrom('default', 'burst', 'agent-7'), { nil: undefined }),
      remaining: fc.nat({ max: 1_000 }),
      resetMs: fc.nat({ max: 120_000 }),
    });
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 30 }), (calls) => {
        for (const c of calls) {
          const decision = { allowed: true, limit: c.limit, remaining: c.remaining, resetMs: c.resetMs, retryAfterMs: 0 };
          const got = headersOf((res) => setRateLimitHeaders(res, decision, c.windowSeconds, c.policy));
          expect(got).toEqual(expected(c.limit, c.remaining, c.resetMs, c.windowSeconds, c.policy ?? 'default'));
        }
      }),
      { numRuns: 300 },
    );
  });
});
