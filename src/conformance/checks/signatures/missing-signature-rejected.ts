import type { Check } from '../../check.js';
import { expectProblem, pass } from '../expect.js';

export const missingSignatureRejected: Check = {
  id: 'signature.missing-rejected',
  title: 'A live key without signature headers gets 401',
  category: 'signatures',
  spec: 'Live keys need X-NX-Signature and X-NX-Timestamp; a missing signature gets 401 missing_signature (securitySchemes.Signature).',
  requirements: ['signing.live.signed', 'signing.problem-json'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 3 },
  async run(ctx) {
    const agent = await ctx.agent();
    const res = await agent.client.send('GET', '/me', { sign: false });
    ctx.reproduceNote = 'sent without X-NX-Signature and X-NX-Timestamp';
    expectProblem(ctx, res, 401, ['missing_signature', 'missing_timestamp'], 'GET /me with a live key and no signature');
    return pass('401 without a signature');
  },
};
