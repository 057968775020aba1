import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, deleteWebhooksQuietly, expectAccepted, expectRejected, webhookBody } from './signing-helpers.js';

const MISSING_ORDER = 'ord_nxconformance_replay_0001';

export const replayRejected: Check = {
  id: 'signature.replay-rejected',
  title: 'A valid signature replayed on another method, path or body gets 401',
  category: 'signatures',
  spec: 'SIGNING.md, "The scheme": the signature covers timestamp + METHOD + path + body, and "the signature is not the lowercase hex HMAC of the request as received" → 401 invalid_signature.',
  requirements: ['signing.covers-request'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 8 },
  async run(ctx) {
    const agent = await ctx.agent();
    const cleanup: string[] = [];
    try {
      // Another method: GET /orders/{id} (404: the signature was good) replayed as DELETE.
      const ts1 = String(ctx.now());
      const original1 = await agent.client.send('GET', `/orders/${MISSING_ORDER}`, { timestamp: ts1 });
      expectAccepted(ctx, original1, [404], `GET /orders/${MISSING_ORDER} (an unknown order)`);
      const sig1 = original1.exchange.request.headers['x-nx-signature'];
      ctx.reproduceSigning = { method: 'GET' };
      const method = await agent.client.send('DELETE', `/orders/${MISSING_ORDER}`, { sign: false, headers: authHeaders(ts1, sig1) });
      expectRejected(ctx, method, ['invalid_signature'], `DELETE /orders/${MISSING_ORDER} carrying the signature of GET /orders/${MISSING_ORDER}`, 'X-NX-Timestamp and X-NX-Signature copied from a GET of the same path: the method is part of the signed string');

      // Another path: GET /me replayed on GET /portfolio.
      const ts2 = String(ctx.now());
      const original2 = await agent.client.send('GET', '/me', { timestamp: ts2 });
      expectAccepted(ctx, original2, [200], 'GET /me');
      const sig2 = original2.exchange.request.headers['x-nx-signature'];
      ctx.reproduceSigning = { path: '/me' };
      const path = await agent.client.send('GET', '/portfolio', { sign: false, headers: authHeaders(ts2, sig2) });
      expectRejected(ctx, path, ['invalid_signature'], 'GET /portfolio carrying the signature of GET /me', 'X-NX-Timestamp and X-NX-Signature copied from GET /me: the path is part of the signed string');

      // Another body: POST /webhooks with body A, its headers replayed with body B.
      const ts3 = String(ctx.now());
      const original3 = await agent.client.send<{ webhook?: { id?: string } }>('POST', '/webhooks', { timestamp: ts3, body: webhookBody('replay-a') });
      expectAccepted(ctx, original3, [201], 'POST /webhooks');
      if (original3.json?.webhook?.id) cleanup.push(original3.json.webhook.id);
      const sig3 = original3.exchange.request.headers['x-nx-signature'];
      ctx.reproduceSigning = { body: original3.exchange.request.body };
      const body = await agent.client.send<{ webhook?: { id?: string } }>('POST', '/webhooks', { sign: false, headers: authHeaders(ts3, sig3), body: webhookBody('replay-b') });
      if (body.json?.webhook?.id) cleanup.push(body.json.webhook.id);
      expectRejected(ctx, body, ['invalid_signature'], 'POST /webhooks with another body carrying the signature of the first POST', 'X-NX-Timestamp and X-NX-Signature copied from a POST with another body: the body bytes are part of the signed string');
      return pass('a signature copied to another method, another path and another body was refused each time with 401 invalid_signature');
    } finally {
      await deleteWebhooksQuietly(ctx, agent, cleanup);
    }
  },
};
