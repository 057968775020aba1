import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import type { TestAgent } from '../../agent-pool.js';
import type { CheckContext } from '../../check-context.js';
import { authHeaders, expectRejected, sendFullPathSigned, signLiterally } from './signing-helpers.js';

/** SIGNING.md: bodies up to 64 KiB are diagnosed; a larger one is not (`not_diagnosed`). */
const DIAGNOSED_BODY = 64 * 1024;
/** stringToSign and signedString are clipped to 1 KiB (plus a marker): far below a 64 KiB body. */
const CLIPPED = 2048;

/** POST /webhooks with a JSON body of exactly `size` bytes, signed over the full /v1/agent path. */
async function postFullPathSigned(ctx: CheckContext, agent: TestAgent, size: number): Promise<{ code?: unknown; signedString?: unknown; stringToSign?: unknown }> {
  const body = JSON.stringify({ pad: 'x'.repeat(size - '{"pad":""}'.length) });
  const timestamp = String(ctx.now());
  const signature = signLiterally({ secret: agent.apiSecret, timestamp, method: 'POST', path: '/v1/agent/webhooks', body });
  ctx.reproduceSigning = { path: '/v1/agent/webhooks' };
  const res = await agent.client.send('POST', '/webhooks', { body, sign: false, headers: authHeaders(timestamp, signature) });
  expectRejected(ctx, res, ['invalid_signature'], `POST /webhooks with a ${size}-byte body signed over '/v1/agent/webhooks'`, `a body of ${size} bytes, signed over the full path`);
  const problem = (res.json ?? {}) as { stringToSign?: unknown; mistake?: { code?: unknown; signedString?: unknown } };
  return { code: problem.mistake?.code, signedString: problem.mistake?.signedString, stringToSign: problem.stringToSign };
}

/** A body of exactly 64 KiB is still diagnosed (its signed string clipped); one byte more is not. */
async function expectLargeBodies(ctx: CheckContext, agent: TestAgent): Promise<void> {
  const edge = await postFullPathSigned(ctx, agent, DIAGNOSED_BODY);
  if (edge.code !== 'full_path_signed') {
    ctx.fail(`A body of exactly ${DIAGNOSED_BODY} bytes (64 KiB) signed over the full path was not diagnosed: bodies up to 64 KiB are`, 'mistake.code: full_path_signed', `mistake.code: ${JSON.stringify(edge.code)}`);
  }
  for (const [name, value] of [['mistake.signedString', edge.signedString], ['stringToSign', edge.stringToSign]] as const) {
    if (typeof value !== 'string' || value.length > CLIPPED) {
      ctx.fail(`${name} of a 64 KiB request is not clipped: it is shown clipped to 1 KiB`, `a string of at most ~1 KiB`, typeof value === 'string' ? `${value.length} characters` : JSON.stringify(value));
    }
  }
  const over = await postFullPathSigned(ctx, agent, DIAGNOSED_BODY + 1);
  if (over.code !== 'not_diagnosed') {
    ctx.fail(`A body of ${DIAGNOSED_BODY + 1} bytes (over 64 KiB) got mistake ${JSON.stringify(over.code)}: larger bodies are not diagnosed`, 'mistake.code: not_diagnosed', `mistake.code: ${JSON.stringify(over.code)}`);
  }
}

export const diagnosed: Check = {
  id: 'signature.diagnosed',
  title: 'An invalid_signature problem shows the string the server signed and names a recognised mistake, never the secret',
  category: 'signatures',
  spec: 'Spec, securitySchemes.Signature: a wrong signature gets 401 invalid_signature, "whose problem body shows the string the server signed and, where the signature matches a known client mistake, names it"; SIGNING.md, "Signature diagnostics": mistake.code full_path_signed; "The response never contains the secret or the expected signature".',
  requirements: ['signing.diagnostics'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 4 },
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
    await expectLargeBodies(ctx, agent);
    return pass(`a body of 64 KiB was diagnosed too (its strings clipped) and one byte more was not_diagnosed; the problem showed stringToSign ${JSON.stringify(expected)} and named mistake full_path_signed, giving away nothing`);
  },
};
