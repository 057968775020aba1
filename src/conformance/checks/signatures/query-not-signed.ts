import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, expectRejected, signLiterally } from './signing-helpers.js';

export const queryNotSigned: Check = {
  id: 'signature.query-not-signed',
  title: 'A signature over path + query string gets 401',
  category: 'signatures',
  spec: 'SIGNING.md, "The scheme": path is "relative to /v1/agent and without the query string … GET /v1/agent/market?coins=bitcoin signs /market".',
  requirements: ['signing.path.no-query'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 2 },
  async run(ctx) {
    const agent = await ctx.agent();
    const timestamp = String(ctx.now());
    const signature = signLiterally({ secret: agent.apiSecret, timestamp, method: 'GET', path: '/market?coins=bitcoin' });
    ctx.reproduceSigning = { path: '/market?coins=bitcoin' };
    const res = await agent.client.send('GET', '/market', { query: { coins: 'bitcoin' }, sign: false, headers: authHeaders(timestamp, signature) });
    expectRejected(ctx, res, ['invalid_signature'], "GET /market?coins=bitcoin signed over '/market?coins=bitcoin' (with the query string)", "signed '/market?coins=bitcoin' instead of '/market': the query string is not part of the signed path");
    return pass('401 invalid_signature for a signature over the path with its query string');
  },
};
