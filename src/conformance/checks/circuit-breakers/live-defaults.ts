import type { Check } from '../../check.js';
import { expectSuccess, pass } from '../expect.js';

interface Profile {
  agent?: { mode?: unknown; dailyLossLimit?: unknown; maxPositionSize?: unknown };
}

const positive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

export const liveDefaults: Check = {
  id: 'breaker.live-defaults',
  title: "A live agent registered without circuit-breaker limits runs behind the server's defaults",
  category: 'circuit-breakers',
  spec: 'POST /register: "Live agents that give no circuit-breaker limits get the server\'s defaults"; live agents "run behind two circuit breakers: dailyLossLimit and maxPositionSize" (info).',
  requirements: ['agents.live-defaults'],
  modes: ['live'],
  needs: { register: true, budget: 2 },
  async run(ctx) {
    // The runner registers its pooled agents without limits: any of them shows the defaults.
    const agent = await ctx.agent({ permissions: ['read:market', 'read:portfolio'], budget: 2 });
    if (agent.registration === null) return ctx.skip('needs an agent the runner registered without limits');
    const me = await agent.client.send<Profile>('GET', '/me');
    expectSuccess(ctx, me, 'GET /me');
    const { dailyLossLimit, maxPositionSize } = me.json?.agent ?? {};
    if (!positive(dailyLossLimit) || !positive(maxPositionSize)) {
      ctx.fail(
        'A live agent registered without circuit-breaker limits has none: it should run behind the server\'s default dailyLossLimit and maxPositionSize',
        'agent.dailyLossLimit and agent.maxPositionSize: numbers > 0',
        `dailyLossLimit: ${JSON.stringify(dailyLossLimit)}, maxPositionSize: ${JSON.stringify(maxPositionSize)}`,
      );
    }
    return pass(`registered without limits, the live agent runs with dailyLossLimit ${String(dailyLossLimit)} and maxPositionSize ${String(maxPositionSize)} USD`);
  },
};
