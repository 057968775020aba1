import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, expectRejected, signLiterally } from './signing-helpers.js';

export const fullPathRejected: Check = {
  id: 'signature.full-path-rejected',
  title: 'A signature over the full /v1/agent path gets 401',
  category: 'signatures',
  spec: 'SIGNING.md, "The scheme": path is "the request path relative to /v1/agent"; signing /v1/agent/orders is the full_path_signed mistake → 401 invalid_signature.',
  requirements: ['signing.path.relative'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 2 },
  async run(ctx) {
    const agent = await ctx.agent();
    const timestamp = String(ctx.now());
    const signature = signLiterally({ secret: agent.apiSecret, timestamp, method: 'GET', path: '/v1/agent/me' });
    ctx.reproduceSigning = { path: '/v1/agent/me' };
    const res = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(timestamp, signature) });
    expectRejected(ctx, res, ['invalid_signature'], "GET /me signed over '/v1/agent/me'", "signed '/v1/agent/me' instead of '/me': the signed path is relative to /v1/agent");
    return pass("401 invalid_signature for a signature over '/v1/agent/me'");
  },
};
