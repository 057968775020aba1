import { addressKey } from '../../rules/stages/address-key.js';
import { defineDefect, withAgentQuota } from './defect.js';

export const rateLimitPerAddress = defineDefect({
  name: 'rate-limit-per-address',
  description: 'The rate limit is counted per client address instead of per agent.',
  caughtBy: ['rate-limit.per-agent'],
  apply: (parts) => withAgentQuota(parts, (quota, _agent, raw) => quota.take(addressKey(raw.clientAddress ?? 'unknown'), raw.receivedAt)),
});
