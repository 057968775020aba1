import type { ApiResponse } from '../../../client/agent-client.js';
import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { EXAMPLE_SYMBOL } from '../schema/support/market-info.js';
import { showAsEvidence } from '../schema/support/evidence.js';
import { agentWithout } from '../schema/support/pick-agent.js';

export const secretNeverReturned: Check = {
  id: 'permission.secret-never-returned',
  title: "No response after registration contains the agent's apiSecret",
  category: 'permissions',
  spec: 'The secret is shown in the registration response only; no later response contains it (AgentProfile: "It never contains the secret").',
  modes: ['sandbox', 'live'],
  needs: { register: true, budget: 9 },
  async run(ctx) {
    // Lacks read:sentiment, so GET /sentiment gives a 403 to scan as well.
    const agent = await agentWithout(ctx, 'read:sentiment', 9);
    const c = agent.client;
    const seen: Array<{ what: string; res: ApiResponse<unknown> }> = [];
    const scan = async (what: string, promise: Promise<ApiResponse<unknown>>) => seen.push({ what, res: await promise });
    await scan('GET /me', c.me());
    await scan('GET /portfolio', c.portfolio());
    await scan('GET /orders', c.listOrders({ limit: 5 }));
    await scan('GET /webhooks', c.listWebhooks());
    await scan('GET /orders/ord_nxConformanceUnknown (404)', c.getOrder('ord_nxConformanceUnknown'));
    await scan('GET /sentiment without read:sentiment (403)', c.sentiment('bitcoin'));
    await scan('POST /orders with quantity 0 (400)', c.send('POST', '/orders', { body: JSON.stringify({ symbol: EXAMPLE_SYMBOL, side: 'buy', type: 'market', quantity: 0 }) }));
    // A wrong signature: its problem body shows what the server signed, never with what.
    await scan('GET /me with a wrong signature (401)', c.send('GET', '/me', { sign: true, secret: `${agent.apiSecret}x` }));
    const secret = agent.apiSecret;
    const leaks = seen.filter(({ res }) => res.text.includes(secret) || Object.values(res.headers).some((v) => v.includes(secret)));
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
