import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { expectAccepted, webhookBody } from './signing-helpers.js';

export const canonicalAccepted: Check = {
  id: 'signature.canonical-accepted',
  title: 'Requests signed exactly as SIGNING.md says are accepted (query not signed, body bytes signed)',
  category: 'signatures',
  spec:
    'SIGNING.md, "The scheme": string_to_sign = UTF-8(timestamp + METHOD + path) ‖ body_bytes, where path is "relative to /v1/agent and without the query string" and body is "the exact bytes of the request content as sent".',
  requirements: ['signing.canonical', 'signing.path.relative', 'signing.path.no-query', 'signing.body.exact-bytes'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 5 },
  async run(ctx) {
    const agent = await ctx.agent();
    ctx.reproduceNote = 'signed canonically, as SIGNING.md says (path relative to /v1/agent, no query string, the exact body bytes)';
    const market = await agent.client.send('GET', '/market', { query: { coins: 'bitcoin' } });
    expectAccepted(ctx, market, [200], 'GET /market?coins=bitcoin signed over "/market" (the query string is not signed)');
    const me = await agent.client.send('GET', '/me');
    expectAccepted(ctx, me, [200], 'GET /me');
    const created = await agent.client.send<{ webhook?: { id?: string } }>('POST', '/webhooks', { body: webhookBody('canonical') });
    expectAccepted(ctx, created, [201], 'POST /webhooks with a JSON body signed over the bytes sent');
    const id = created.json?.webhook?.id;
    if (!id) return ctx.fail('POST /webhooks answered 201 without webhook.id', 'a webhook with an id', created.text.slice(0, 300));
    const removed = await agent.client.send('DELETE', `/webhooks/${encodeURIComponent(id)}`);
    expectAccepted(ctx, removed, [204], `DELETE /webhooks/${id}`);
    return pass('GET /market?coins=bitcoin (query unsigned), GET /me, POST /webhooks (JSON body) and DELETE /webhooks/{id} were all accepted');
  },
};
