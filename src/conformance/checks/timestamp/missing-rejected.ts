import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, expectRejected, signLiterally } from '../signatures/signing-helpers.js';

export const timestampMissingRejected: Check = {
  id: 'timestamp.missing-rejected',
  title: 'A signed request without X-NX-Timestamp gets 401 missing_timestamp',
  category: 'timestamp',
  spec: 'SIGNING.md, "How the server checks a request": 401 missing_timestamp when "X-NX-Timestamp absent or empty"; live keys "must send X-NX-Signature and X-NX-Timestamp on every request".',
  requirements: ['signing.timestamp.required', 'signing.live.signed'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 2 },
  async run(ctx) {
    const agent = await ctx.agent();
    const signature = signLiterally({ secret: agent.apiSecret, timestamp: String(ctx.now()), method: 'GET', path: '/me' });
    const res = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(undefined, signature) });
    expectRejected(ctx, res, ['missing_timestamp'], 'GET /me with X-NX-Signature but no X-NX-Timestamp', 'sent X-NX-Signature (signed over the current time) without the X-NX-Timestamp header');
    return pass('401 missing_timestamp for a signature without X-NX-Timestamp');
  },
};
