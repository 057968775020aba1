import { defineDefect, withStage } from './defect.js';

export const noRateLimit = defineDefect({
  name: 'no-rate-limit',
  description: 'The rate limit is not enforced.',
  caughtBy: ['rate-limit.burst-then-429'],
  // The headers still look right (the quota is peeked, never taken): only enforcement is missing.
  apply: (parts) =>
    withStage(parts, 'rate-limit', (limit) => ({
      ...limit,
      run(j) {
        const quotas = j.state.quotas;
        if (j.op?.security === 'none' || !j.agent || !quotas) return limit.run(j);
        j.rate = { decision: quotas.agent(j.agent).peek(j.agent.agentId, j.raw.receivedAt), windowSeconds: quotas.windowSeconds };
        return undefined;
      },
    })),
});
