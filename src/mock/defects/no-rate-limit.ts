import { defineDefect, withAgentQuota } from './defect.js';

export const noRateLimit = defineDefect({
  name: 'no-rate-limit',
  description: 'The rate limit is not enforced.',
  caughtBy: ['rate-limit.burst-then-429'],
  // The headers still look right (the quota is peeked, never taken): only enforcement is missing.
  apply: (parts) => withAgentQuota(parts, (quota, agent, raw) => quota.peek(agent.agentId, raw.receivedAt)),
});
