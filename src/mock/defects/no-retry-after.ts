import { defineDefect, withStage } from './defect.js';

export const noRetryAfter = defineDefect({
  name: 'no-retry-after',
  description: '429 responses carry no Retry-After.',
  caughtBy: ['rate-limit.burst-then-429'],
  apply: (parts) =>
    withStage(parts, 'rate-limit', (limit) => ({
      ...limit,
      run(j) {
        const refused = limit.run(j);
        if (!refused) return undefined;
        const { 'Retry-After': _dropped, ...headers } = refused.headers;
        return { ...refused, headers };
      },
    })),
});
