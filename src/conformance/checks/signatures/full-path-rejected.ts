import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { sendFullPathSigned } from './signing-helpers.js';

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
    await sendFullPathSigned(ctx, agent, "signed '/v1/agent/me' instead of '/me': the signed path is relative to /v1/agent");
    return pass("401 invalid_signature for a signature over '/v1/agent/me'");
  },
};
