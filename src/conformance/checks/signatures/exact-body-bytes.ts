import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { deleteWebhooksQuietly, expectAccepted, expectRejected, webhookBody } from './signing-helpers.js';

/** The same JSON as JSON.stringify would write it, but with other whitespace (and a trailing newline). */
function spacedJson(value: Record<string, unknown>): string {
  return `${JSON.stringify(value, null, 2).replace(/": /g, '":\t')}\n`;
}

export const exactBodyBytes: Check = {
  id: 'signature.exact-body-bytes',
  title: 'The signature covers the body bytes as sent, not a re-serialisation of the JSON',
  category: 'signatures',
  spec: 'SIGNING.md, "The scheme": body is "the exact bytes of the request content as sent … Never a re-serialisation of the JSON: whitespace, key order, escapes, non-ASCII characters and trailing newlines all count."',
  requirements: ['signing.body.exact-bytes'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 4 },
  async run(ctx) {
    const agent = await ctx.agent();
    const created: string[] = [];
    try {
      const spaced = spacedJson(webhookBody('exact-bytes'));
      const exact = await agent.client.send<{ webhook?: { id?: string } }>('POST', '/webhooks', { body: spaced });
      if (exact.json?.webhook?.id) created.push(exact.json.webhook.id);
      expectAccepted(ctx, exact, [201], 'POST /webhooks with an indented JSON body (tabs, newlines, a trailing newline) signed over exactly the bytes sent', 'the body has other whitespace than JSON.stringify writes; it is signed over exactly the bytes sent');

      const other = spacedJson(webhookBody('reserialised'));
      const reserialised = await agent.client.send<{ webhook?: { id?: string } }>('POST', '/webhooks', { body: other, signedBody: JSON.stringify(JSON.parse(other)) });
      if (reserialised.json?.webhook?.id) created.push(reserialised.json.webhook.id);
      expectRejected(
        ctx,
        reserialised,
        ['invalid_signature'],
        'POST /webhooks whose signature covers JSON.stringify(JSON.parse(body)) while the bytes sent are indented',
        'signed over JSON.stringify(JSON.parse(BODY)) (compact), but BODY was sent indented: the server must verify the bytes it received',
      );
      return pass('an indented body signed over its exact bytes was accepted; one signed over its re-serialised form was refused with 401 invalid_signature');
    } finally {
      await deleteWebhooksQuietly(ctx, agent, created);
    }
  },
};
