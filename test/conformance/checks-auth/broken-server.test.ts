// The auth checks against deliberately broken servers: the mock behind a proxy that bends
// requests or answers in ways the seeded defects do not cover. Each break must fail the check
// meant for it, with a message that names the server's mistake.
import { describe, expect, it } from 'vitest';
import { failuresOf, lines, runAgainstBroken, type ProxiedRequest } from './support.js';
import { findingLabel } from '../../../src/conformance/findings.js';

const isSandbox = (req: ProxiedRequest) => req.headers['x-nx-key']?.startsWith('nx_test_') ?? false;

describe('the auth checks catch breakage the seeded defects do not', () => {
  it('a server that verifies a re-serialisation of the body fails signature.exact-body-bytes', async () => {
    const summary = await runAgainstBroken(
      {
        request(req) {
          if (req.body.length === 0) return;
          try {
            req.body = Buffer.from(JSON.stringify(JSON.parse(req.body.toString('utf8'))));
          } catch {
            // not JSON: pass it on unchanged
          }
        },
      },
      ['signature.exact-body-bytes', 'signature.canonical-accepted'],
    );
    expect(lines(summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^pass signature\.canonical-accepted/)]));
    const [failure] = failuresOf(summary, 'signature.exact-body-bytes');
    expect(failure?.message).toMatch(/refused POST \/webhooks with an indented JSON body .*signed over exactly the bytes sent, although it was signed exactly as SIGNING\.md says: it answered 401 invalid_signature/);
  }, 30_000);

  it('a server that ignores signature headers on sandbox requests fails signature.sandbox-verified', async () => {
    const summary = await runAgainstBroken(
      {
        request(req) {
          if (!isSandbox(req)) return;
          delete req.headers['x-nx-signature'];
          delete req.headers['x-nx-timestamp'];
        },
      },
      ['signature.sandbox-verified'],
    );
    const [failure] = failuresOf(summary, 'signature.sandbox-verified');
    expect(failure?.message).toMatch(/accepted a sandbox GET \/me carrying a wrong X-NX-Signature \(answered 200\)/);
  }, 30_000);

  it('a 429 whose Retry-After is an HTTP date fails rate-limit.burst-then-429', async () => {
    const summary = await runAgainstBroken(
      {
        response(res) {
          if (res.status === 429) res.headers['retry-after'] = 'Mon, 05 Jan 2026 12:00:01 GMT';
        },
      },
      ['rate-limit.burst-then-429'],
    );
    const [failure] = failuresOf(summary, 'rate-limit.burst-then-429');
    expect(failure?.message).toMatch(/Retry-After is 'Mon, 05 Jan 2026 12:00:01 GMT', not an integer number of seconds ≥ 1/);
  }, 30_000);

  it('a Retry-After shorter than the real wait fails rate-limit.recovers-after-retry-after', async () => {
    // At 6 requests per minute the quota refills every 10 s; the server claims 1 s.
    const summary = await runAgainstBroken(
      {
        response(res) {
          if (res.status === 429) res.headers['retry-after'] = '1';
        },
      },
      ['rate-limit.recovers-after-retry-after'],
      { rateLimit: 6 },
    );
    const [failure] = failuresOf(summary, 'rate-limit.recovers-after-retry-after');
    expect(failure?.message).toMatch(/refused a request sent 1 s after a 429 that said Retry-After: 1 \(answered 429\)/);
  }, 30_000);

  it('RateLimit r= that disagrees with X-RateLimit-Remaining fails rate-limit.headers-agree', async () => {
    const summary = await runAgainstBroken(
      {
        response(res) {
          const limit = res.headers['x-ratelimit-limit'];
          if (res.headers.ratelimit && limit) res.headers.ratelimit = res.headers.ratelimit.replace(/r=\d+/, `r=${limit}`);
        },
      },
      ['rate-limit.headers-agree'],
    );
    const failures = failuresOf(summary, 'rate-limit.headers-agree');
    expect(failures.map(findingLabel)).toEqual(['rate-limit.headers-agree [sandbox]', 'rate-limit.headers-agree [live]']);
    expect(failures[0]?.message).toMatch(/RateLimit says r=60 but X-RateLimit-Remaining says 59: the two forms disagree about what is left/);
  }, 30_000);

  it('a daily_loss_limit_reached refusal without resetsAt fails breaker.daily-loss-latches', async () => {
    const summary = await runAgainstBroken(
      {
        response(res) {
          if (res.status !== 403 || !res.body.includes('daily_loss_limit_reached')) return;
          const problem = JSON.parse(res.body) as Record<string, unknown>;
          delete problem.resetsAt;
          res.body = JSON.stringify(problem);
        },
      },
      ['breaker.daily-loss-latches'],
    );
    const [failure] = failuresOf(summary, 'breaker.daily-loss-latches');
    expect(failure?.message).toMatch(/The daily_loss_limit_reached problem has no valid resetsAt/);
  }, 30_000);

  it('a server that refuses every order once the breaker trips fails breaker.reduce-only-passes', async () => {
    const tripped = new Map<string, { status: number; headers: Record<string, string>; body: string }>();
    const summary = await runAgainstBroken(
      {
        shortCircuit(req) {
          const key = req.headers['x-nx-key'];
          return req.method === 'POST' && req.url.endsWith('/orders') && key ? tripped.get(key) : undefined;
        },
        response(res, req) {
          const key = req.headers['x-nx-key'];
          if (key && res.status === 403 && res.body.includes('daily_loss_limit_reached')) tripped.set(key, { ...res, headers: { ...res.headers } });
        },
      },
      ['breaker.reduce-only-passes'],
    );
    const [failure] = failuresOf(summary, 'breaker.reduce-only-passes');
    expect(failure?.message).toMatch(/refused a sell of [\d.]+ \w+ — half of the [\d.]+ the agent holds, so it only reduces the position — while the daily-loss breaker was tripped \(answered 403\)/);
  }, 30_000);
});
