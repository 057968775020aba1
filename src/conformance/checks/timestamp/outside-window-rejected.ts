import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { expectRejected } from '../signatures/signing-helpers.js';

const SKEW_MS = 31_000;

export const outsideWindowRejected: Check = {
  id: 'timestamp.outside-window-rejected',
  title: 'Timestamps 31 s behind and 31 s ahead of the server clock get 401 timestamp_out_of_window',
  category: 'timestamp',
  spec: 'SIGNING.md, "Time window" and "How the server checks a request": 401 timestamp_out_of_window when |serverNow − timestamp| > 30 000 ms.',
  requirements: ['signing.window.outside'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 3, clock: 'precise' },
  async run(ctx) {
    const agent = await ctx.agent();
    for (const skew of [-SKEW_MS, SKEW_MS]) {
      const timestamp = String(ctx.now() + skew);
      const res = await agent.client.send('GET', '/me', { timestamp });
      const when = skew < 0 ? '31 s behind' : '31 s ahead of';
      expectRejected(ctx, res, ['timestamp_out_of_window'], `GET /me with X-NX-Timestamp ${when} the server clock`, `signed correctly, but X-NX-Timestamp = server time ${skew < 0 ? '−' : '+'} 31 000 ms (outside the ±30 s window)`);
    }
    return pass('timestamps 31 s behind and 31 s ahead were refused with 401 timestamp_out_of_window');
  },
};
