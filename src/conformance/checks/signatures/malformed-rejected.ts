import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, expectRejected, signLiterally } from './signing-helpers.js';

export const malformedRejected: Check = {
  id: 'signature.malformed-rejected',
  title: 'The right HMAC in upper-case hex or base64, or sent twice, gets 401',
  category: 'signatures',
  spec: 'SIGNING.md, "The scheme": the signature is "64 lowercase hexadecimal characters. Upper-case hex and base64 are rejected: there is exactly one valid X-NX-Signature per request"; "Headers": "Send each header once; a repeated header is not a valid value."',
  requirements: ['signing.signature.lowercase-hex', 'signing.header.once'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 4 },
  async run(ctx) {
    const agent = await ctx.agent();
    const timestamp = String(ctx.now());
    const right = signLiterally({ secret: agent.apiSecret, timestamp, method: 'GET', path: '/me' });
    const variants = [
      { value: right.toUpperCase(), what: 'in upper-case hex', encoding: 'upper-hex' },
      { value: Buffer.from(right, 'hex').toString('base64'), what: 'base64-encoded', encoding: 'base64' },
      // Two X-NX-Signature lines arrive as one value joined by ", " (RFC 9110 §5.3), as fetch sends them.
      { value: `${right}, ${right}`, what: 'sent twice (a repeated X-NX-Signature header)', encoding: 'twice' },
    ] as const;
    for (const { value, what, encoding } of variants) {
      ctx.reproduceSigning = { encoding };
      const res = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(timestamp, value) });
      expectRejected(ctx, res, ['invalid_signature'], `GET /me with the right HMAC ${what}`, `X-NX-Signature: the right HMAC-SHA256 ${what}`);
    }
    return pass('the right HMAC in upper-case hex, base64 or sent twice was refused with 401 invalid_signature');
  },
};
