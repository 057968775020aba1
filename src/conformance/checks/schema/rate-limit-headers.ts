import type { ApiResponse } from '../../../client/agent-client.js';
import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { EXAMPLE_SYMBOL } from './support/market-info.js';
import { showAsEvidence } from './support/evidence.js';
import { agentWithout } from './support/pick-agent.js';
import { rateLimitIssues, type RateLimitState } from './support/problem-shape.js';

export const rateLimitHeaders: Check = {
  id: 'schema.rate-limit-headers',
  title: 'Every response to an identified agent carries sane rate-limit headers, 2xx and 4xx alike',
  category: 'schema',
  spec: 'Every response to an identified agent carries rate-limit headers in two forms: RateLimit-Policy / RateLimit (draft-ietf-httpapi-ratelimit-headers) and X-RateLimit-Limit / X-RateLimit-Remaining / X-RateLimit-Reset (integers ≥ 0).',
  requirements: ['ratelimit.headers.present', 'ratelimit.reset', 'ratelimit.remaining.counts-down'],
  modes: ['sandbox', 'live'],
  needs: { register: true, budget: 10 },
  async run(ctx) {
    // Lacks read:market, so GET /market gives the 403 of an identified agent.
    const agent = await agentWithout(ctx, 'read:market', 10);
    const c = agent.client;
    const started = performance.now();
    const seen: Array<{ what: string; res: ApiResponse<unknown> }> = [];
    const send = async (what: string, promise: Promise<ApiResponse<unknown>>) => {
      const res = await promise;
      seen.push({ what, res });
      return res;
    };
    await send('GET /me', c.me());
    await send('GET /portfolio', c.portfolio());
    await send('GET /market (without read:market)', c.market('bitcoin'));
    await send('GET /orders/ord_nxConformanceUnknown', c.getOrder('ord_nxConformanceUnknown'));
    await send('POST /orders with quantity 0', c.send('POST', '/orders', { body: JSON.stringify({ symbol: EXAMPLE_SYMBOL, side: 'buy', type: 'market', quantity: 0 }) }));
    await send('POST /orders as text/plain', c.send('POST', '/orders', { body: '{}', headers: { 'content-type': 'text/plain' } }));
    const created = await send('POST /webhooks', c.createWebhook({ url: 'https://example.com/nx-conformance/webhook', events: ['order.filled'] }));
    const webhookId = (created.json as { webhook?: { id?: unknown } } | undefined)?.webhook?.id;
    if (typeof webhookId === 'string') await send(`DELETE /webhooks/${webhookId}`, c.deleteWebhook(webhookId));
    await send('GET /orders?limit=1', c.listOrders({ limit: 1 }));
    const elapsedMs = performance.now() - started;

    const failures: string[] = [];
    const wrong: Array<ApiResponse<unknown>> = [];
    const states: Array<{ state: RateLimitState; ok: boolean }> = [];
    for (const { what, res } of seen) {
      if (res.status === 401 || res.status >= 500) {
        failures.push(`${what} answered ${res.status}: the agent's request should have been accepted or rejected after authentication`);
        wrong.push(res);
        continue;
      }
      const { issues, state } = rateLimitIssues(res);
      if (issues.length > 0) {
        failures.push(`${what} → ${res.status}: ${issues.join('; ')}`);
        wrong.push(res);
      }
      if (state) states.push({ state, ok: res.status >= 200 && res.status < 300 });
    }
    const first = states[0];
    const last = states.at(-1);
    if (failures.length === 0 && first && last && states.length > 2) {
      // Each accepted request uses a unit of quota; only the time that passed can give some back.
      const accepted = states.slice(1).filter((s) => s.ok).length;
      const refill = ctx.clock.maxRefill(elapsedMs, first.state.limit, first.state.windowSeconds * 1000);
      if (last.state.remaining > first.state.remaining - accepted + refill) {
        failures.push(
          `X-RateLimit-Remaining does not count down: ${first.state.remaining} after the first request and ${last.state.remaining} after ${states.length - 1} more ` +
            `(${accepted} of them accepted) within ${(elapsedMs / 1000).toFixed(2)} s; at most ${first.state.remaining - accepted + refill} was possible`,
        );
      }
    }
    if (failures.length > 0) {
      showAsEvidence(ctx, wrong.length > 0 ? wrong : seen.map((s) => s.res).slice(-3));
      ctx.fail(
        `${failures.length} of ${seen.length} responses to an identified agent lack sane rate-limit headers: ${failures[0]}`,
        'RateLimit-Policy "name";q=N;w=W, RateLimit "name";r=R;t=T and X-RateLimit-Limit/-Remaining/-Reset = N/R/T (integers, R ≤ N, T ≤ W) on every response, counting down',
        failures.join('\n'),
      );
    }
    const statuses = seen.map((s) => s.res.status).join(', ');
    return pass(`${seen.length} responses (${statuses}) carry both forms of rate-limit headers, consistent and counting down`);
  },
};
