import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, expectRejected, signLiterally } from '../signatures/signing-helpers.js';

const CASES: ReadonlyArray<{ value: string; codes: readonly string[]; why: string }> = [
  { value: 'abc', codes: ['invalid_timestamp'], why: 'not a number' },
  { value: '12.5', codes: ['invalid_timestamp'], why: 'a fraction' },
  { value: '-5', codes: ['invalid_timestamp'], why: 'a sign' },
  { value: '1.7e12', codes: ['invalid_timestamp'], why: 'an exponent' },
  { value: '12345678901234567', codes: ['invalid_timestamp'], why: '17 digits' },
  // "An empty header value counts as a missing header" (SIGNING.md, Headers).
  { value: '', codes: ['missing_timestamp'], why: 'empty' },
];

export const nonNumericRejected: Check = {
  id: 'timestamp.non-numeric-rejected',
  title: "X-NX-Timestamp 'abc', '12.5', '-5', '1.7e12', 17 digits and '' get 401",
  category: 'timestamp',
  spec: 'SIGNING.md: 401 invalid_timestamp when X-NX-Timestamp "is not a base-10 integer of milliseconds (^[0-9]{1,16}$): abc, 12.5, …"; "an empty header value counts as a missing header" (missing_timestamp).',
  requirements: ['signing.timestamp.format', 'signing.timestamp.required'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 7 },
  async run(ctx) {
    const agent = await ctx.agent();
    for (const { value, codes, why } of CASES) {
      // Signed consistently with the header value, so only the timestamp's form is wrong.
      const signature = signLiterally({ secret: agent.apiSecret, timestamp: value, method: 'GET', path: '/me' });
      const res = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(value, signature) });
      expectRejected(ctx, res, codes, `GET /me with X-NX-Timestamp ${JSON.stringify(value)} (${why})`, `X-NX-Timestamp: ${JSON.stringify(value)} (${why}), signed over that same value`);
    }
    return pass("X-NX-Timestamp 'abc', '12.5', '-5', '1.7e12' and 17 digits were refused with 401 invalid_timestamp, '' with 401 missing_timestamp");
  },
};
