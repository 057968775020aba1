import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, expectRejected, signLiterally } from '../signatures/signing-helpers.js';

/** A timestamp mistake, and the words its 401's detail must use to name it (SIGNING.md, "Errors"). */
interface Mistake {
  what: string;
  value: (now: number) => string;
  code: string;
  names: RegExp;
}

const MISTAKES: readonly Mistake[] = [
  { what: 'the time in seconds', value: (now) => String(Math.floor(now / 1000)), code: 'timestamp_out_of_window', names: /\bseconds?\b/i },
  { what: 'the time in microseconds', value: (now) => String(now * 1000), code: 'timestamp_out_of_window', names: /microsecond/i },
  { what: '2 minutes ahead', value: (now) => String(now + 120_000), code: 'timestamp_out_of_window', names: /\bahead\b/i },
  { what: '2 minutes behind', value: (now) => String(now - 120_000), code: 'timestamp_out_of_window', names: /\bbehind\b/i },
  { what: 'seconds as a float', value: (now) => (now / 1000).toFixed(3), code: 'invalid_timestamp', names: /fraction|float|decimal/i },
  { what: 'a sign', value: (now) => `+${now}`, code: 'invalid_timestamp', names: /\bsign\b|signed number|plus/i },
  { what: 'nanoseconds (19 digits)', value: (now) => `${now}000000`, code: 'invalid_timestamp', names: /digits|microsecond|nanosecond/i },
];

export const timestampDiagnosed: Check = {
  id: 'timestamp.diagnosed',
  title: "A timestamp error's detail names the mistake: seconds, microseconds, a float, a sign, too many digits, how far ahead or behind",
  category: 'timestamp',
  spec: 'SIGNING.md, "Errors": "The detail says what to fix. For timestamp errors it recognises the usual unit mistakes: a value in seconds, in microseconds, a float (time.time()), and it states how far ahead or behind the client clock is."',
  requirements: ['signing.timestamp.diagnosed'],
  modes: ['live'],
  // A fresh agent: its seven refusals spend its own failed-authentication budget, not the one the
  // other signing checks share on the given agent.
  needs: { register: true, budget: MISTAKES.length + 1 },
  async run(ctx) {
    const agent = await ctx.agent({ fresh: true, permissions: ['read:market'], budget: MISTAKES.length + 1 });
    const missed: string[] = [];
    for (const m of MISTAKES) {
      // Signed over that same value, so the timestamp is the only thing wrong.
      const value = m.value(ctx.now());
      const signature = signLiterally({ secret: agent.apiSecret, timestamp: value, method: 'GET', path: '/me' });
      const res = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(value, signature) });
      expectRejected(ctx, res, [m.code], `GET /me with X-NX-Timestamp ${value} (${m.what})`, `X-NX-Timestamp ${m.what} (${value}), signed over that same value`);
      const detail = (res.json as { detail?: unknown } | undefined)?.detail;
      if (typeof detail !== 'string' || !m.names.test(detail)) missed.push(`${m.what} (${value}): detail ${JSON.stringify(detail)}`);
    }
    if (missed.length > 0) {
      return ctx.fail(
        `${missed.length} of ${MISTAKES.length} timestamp errors do not name the mistake in their detail`,
        'a detail that says what is wrong (seconds, microseconds, a float, a sign, too many digits, how far ahead or behind)',
        missed.join('\n'),
      );
    }
    return pass(`the detail of each of ${MISTAKES.length} timestamp errors named the mistake (seconds, microseconds, ahead, behind, a float, a sign, too many digits)`);
  },
};
