import { applyDecision } from '../../rules/stages/rate-limit.js';
import { addressKey } from '../../rules/stages/address-key.js';
import { defineDefect, withStage } from './defect.js';

export const rateLimitPerAddress = defineDefect({
  name: 'rate-limit-per-address',
  description: 'The rate limit is counted per client address instead of per agent.',
  caughtBy: ['rate-limit.per-agent'],
  apply: (parts) =>
    withStage(parts, 'rate-limit', (limit) => ({
      ...limit,
      run(j) {
        const quotas = j.state.quotas;
        if (j.op?.security === 'none' || !j.agent || !quotas) return limit.run(j);
        const decision = quotas.agent(j.agent).take(addressKey(j.raw.clientAddress ?? 'unknown'), j.raw.receivedAt);
        return applyDecision(j, decision, quotas.windowSeconds, 'this agent');
      },
    })),
});
