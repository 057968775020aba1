import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { sendFullPathSigned, signLiterally } from './signing-helpers.js';

export const diagnosed: Check = {
  id: 'signature.diagnosed',
  title: 'An invalid_signature problem shows the string the server signed and names a recognised mistake, never the secret',
  category: 'signatures',
  spec: 'Spec, securitySchemes.Signature: a wrong signature gets 401 invalid_signature, "whose problem body shows the string the server signed and, where the signature matches a known client mistake, names it"; SIGNING.md, "Signature diagnostics": mistake.code full_path_signed; "The response never contains the secret or the expected signature".',
  requirements: ['signing.diagnostics'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 2 },
  async run(ctx) {
    const agent = await ctx.agent();
    const { res, timestamp } = await sendFullPathSigned(ctx, agent, 'signed over the full /v1/agent path');
    const body = (res.json ?? {}) as { stringToSign?: unknown; mistake?: { code?: unknown } };
    const expected = `${timestamp}GET/me`;
    if (body.stringToSign !== expected) {
      ctx.fail('The invalid_signature problem does not show the string the server signed', `stringToSign: ${JSON.stringify(expected)}`, `stringToSign: ${JSON.stringify(body.stringToSign)}`);
    }
    if (body.mistake?.code !== 'full_path_signed') {
      ctx.fail('The invalid_signature problem does not name the mistake (the full /v1/agent path signed)', 'mistake.code: full_path_signed', `mistake: ${JSON.stringify(body.mistake)}`);
    }
    const right = signLiterally({ secret: agent.apiSecret, timestamp, method: 'GET', path: '/me' });
    if (res.text.includes(agent.apiSecret) || res.text.includes(right)) {
      ctx.fail('The invalid_signature problem gives away the secret or the expected signature', 'neither in the problem body', res.text.includes(agent.apiSecret) ? 'the apiSecret is in the body' : 'the expected signature is in the body');
    }
    return pass(`the problem showed stringToSign ${JSON.stringify(expected)} and named mistake full_path_signed, giving away nothing`);
  },
};
