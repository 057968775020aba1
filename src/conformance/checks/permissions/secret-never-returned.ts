import type { ApiResponse } from '../../../client/agent-client.js';
import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { EXAMPLE_SYMBOL } from '../schema/support/market-info.js';
import { showAsEvidence } from '../schema/support/evidence.js';
import { agentFor } from '../schema/support/pick-agent.js';
import { deleteWebhooksQuietly, webhookBody } from '../signatures/signing-helpers.js';

export const secretNeverReturned: Check = {
  id: 'permission.secret-never-returned',
  title: "No response after registration contains the agent's apiSecret, nor a webhook's secret after its creation",
  category: 'permissions',
  spec: 'The secret is shown in the registration response only; no later response contains it (AgentProfile: "It never contains the secret").',
  requirements: ['agents.secret-once', 'webhooks.secret-once'],
  modes: ['sandbox', 'live'],
  needs: { register: true, budget: 11 },
  async run(ctx) {
    // A pooled agent lacking read:sentiment or read:social, so one of those gives a 403 to scan as well.
    const agent = await agentFor(ctx, ['read:portfolio', 'write:orders', 'write:webhook'], 11, ['read:sentiment', 'read:social']);
    const lacking = agent.permissions.includes('read:sentiment') ? 'read:social' : 'read:sentiment';
    const c = agent.client;
    const seen: Array<{ what: string; res: ApiResponse<unknown> }> = [];
    const scan = async (what: string, promise: Promise<ApiResponse<unknown>>) => seen.push({ what, res: await promise });
    await scan('GET /me', c.me());
    await scan('GET /portfolio', c.portfolio());
    await scan('GET /orders', c.listOrders({ limit: 5 }));
    await scan('GET /webhooks', c.listWebhooks());
    await scan('GET /orders/ord_nxConformanceUnknown (404)', c.getOrder('ord_nxConformanceUnknown'));
    await scan(`GET ${lacking === 'read:sentiment' ? '/sentiment' : '/social/feed'} without ${lacking} (403)`, lacking === 'read:sentiment' ? c.sentiment('bitcoin') : c.socialFeed({ limit: 1 }));
    await scan('POST /orders with quantity 0 (400)', c.send('POST', '/orders', { body: JSON.stringify({ symbol: EXAMPLE_SYMBOL, side: 'buy', type: 'market', quantity: 0 }) }));
    // A wrong signature: its problem body shows what the server signed, never with what.
    await scan('GET /me with a wrong signature (401)', c.send('GET', '/me', { sign: true, secret: `${agent.apiSecret}x` }));
    // A webhook's secret is shown once, at creation: GET /webhooks lists the webhooks without it.
    const created = await c.send<{ webhook?: { id?: string }; secret?: string }>('POST', '/webhooks', { body: webhookBody('secret-once') });
    const webhookSecret = created.json?.secret;
    if (created.status !== 201 || typeof webhookSecret !== 'string' || webhookSecret === '') {
      return ctx.fail('Set-up failed: POST /webhooks did not return the webhook secret', '201 with secret (shown once)', `${created.status} ${created.text.slice(0, 200).replace(String(webhookSecret), '<secret>')}`);
    }
    await scan('GET /webhooks after creating one', c.listWebhooks());
    await deleteWebhooksQuietly(ctx, agent, [created.json?.webhook?.id ?? '']);
    const secret = agent.apiSecret;
    const contains = (res: ApiResponse<unknown>, s: string): boolean => res.text.includes(s) || Object.values(res.headers).some((v) => v.includes(s));
    const leaks = seen.filter(({ res }) => contains(res, secret) || contains(res, webhookSecret));
    if (leaks.some(({ res }) => !contains(res, secret))) {
      const leak = leaks.find(({ res }) => !contains(res, secret));
      showAsEvidence(ctx, [leak?.res ?? created]);
      ctx.fail(
        `The webhook's secret appears again after its creation: ${leak?.what} → ${leak?.res.status}`,
        'the webhook secret only in the POST /webhooks response, never again',
        `excerpt: ${(leak?.res.text ?? '').replace(webhookSecret, '<webhook secret>').slice(0, 300)}`,
      );
    }
    if (leaks.length > 0) {
      showAsEvidence(ctx, leaks.map((l) => l.res));
      const where = leaks.map(({ what, res }) => `${what} → ${res.status}${res.text.includes(secret) ? ' (body)' : ' (headers)'}`);
      ctx.fail(
        `The agent's apiSecret appears in ${leaks.length} response${leaks.length === 1 ? '' : 's'} after registration: ${where.join(', ')}`,
        'the secret only in the POST /register response, never again',
        `${where.join('\n')}\nexcerpt: ${(leaks[0]?.res.text ?? '').replace(secret, '<apiSecret>').slice(0, 300)}`,
      );
    }
    return pass(`the secret appears in none of ${seen.length} responses (${seen.map((s) => s.res.status).join(', ')})`);
  },
};
