import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { expectRejected } from './signing-helpers.js';

export const wrongSecretRejected: Check = {
  id: 'signature.wrong-secret-rejected',
  title: 'A request signed with a wrong secret gets 401 invalid_signature',
  category: 'signatures',
  spec: 'SIGNING.md, "How the server checks a request": 401 invalid_signature when "the signature is not the lowercase hex HMAC of the request as received"; the HMAC key is "the UTF-8 bytes of the apiSecret returned by POST /register".',
  requirements: ['signing.key.secret', 'signing.problem-json'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 2 },
  async run(ctx) {
    const agent = await ctx.agent();
    const secret = `nx-conformance-wrong-secret-${agent.apiSecret.length}-0123456789abcdef`;
    ctx.reproduceSigning = { secret };
    const res = await agent.client.send('GET', '/me', { secret });
    expectRejected(ctx, res, ['invalid_signature'], 'GET /me signed with a wrong secret', 'signed with a wrong secret (not $NX_API_SECRET): the server must answer 401 invalid_signature');
    return pass('401 invalid_signature for a request signed with a wrong secret');
  },
};
