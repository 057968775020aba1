import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, expectRejected, signLiterally } from './signing-helpers.js';

export const checkOrder: Check = {
  id: 'signature.check-order',
  title: 'With several signing faults, the first in SIGNING.md order is the one reported',
  category: 'signatures',
  spec: 'SIGNING.md, "How the server checks a request": checked in this order: 1 missing_signature, 2 missing_timestamp, 3 invalid_timestamp, 4 timestamp_out_of_window, 5 invalid_signature; every failure is 401 problem+json.',
  requirements: ['signing.order', 'signing.problem-json'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 5 },
  async run(ctx) {
    const agent = await ctx.agent();
    const wrongSecret = `nx-conformance-wrong-${agent.apiSecret.length}`;
    const wrong = signLiterally({ secret: wrongSecret, timestamp: String(ctx.now()), method: 'GET', path: '/me' });
    const cases = [
      { headers: authHeaders(undefined, undefined), code: 'missing_signature', what: 'neither X-NX-Signature nor X-NX-Timestamp', why: 'missing_signature (1) before missing_timestamp (2)' },
      { headers: authHeaders(undefined, wrong), code: 'missing_timestamp', what: 'a wrong signature and no X-NX-Timestamp', why: 'missing_timestamp (2) before invalid_signature (5)' },
      { headers: authHeaders('abc', wrong), code: 'invalid_timestamp', what: "a wrong signature and X-NX-Timestamp 'abc'", why: 'invalid_timestamp (3) before invalid_signature (5)' },
      { headers: authHeaders(String(ctx.now() - 120_000), wrong), code: 'timestamp_out_of_window', what: 'a wrong signature and a timestamp 120 s old', why: 'timestamp_out_of_window (4) before invalid_signature (5)' },
    ];
    for (const c of cases) {
      ctx.reproduceSigning = { secret: wrongSecret };
      const res = await agent.client.send('GET', '/me', { sign: false, headers: c.headers });
      expectRejected(ctx, res, [c.code], `GET /me with ${c.what} (${c.why})`, `a live request with ${c.what}: SIGNING.md's order makes it ${c.code}`);
    }
    return pass('each request with two faults got the code of the first in SIGNING.md order');
  },
};
