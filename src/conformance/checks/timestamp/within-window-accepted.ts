import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { expectAccepted } from '../signatures/signing-helpers.js';

const SKEW_MS = 29_000;

export const withinWindowAccepted: Check = {
  id: 'timestamp.within-window-accepted',
  title: 'Timestamps 29 s behind and 29 s ahead of the server clock are accepted',
  category: 'timestamp',
  spec: 'SIGNING.md, "Time window": "The server accepts a request when |serverNow − timestamp| ≤ 30 000 ms, both ends inclusive."',
  requirements: ['signing.window.inside'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 3, clock: 'precise' },
  async run(ctx) {
    const agent = await ctx.agent();
    for (const skew of [-SKEW_MS, SKEW_MS]) {
      const timestamp = String(ctx.now() + skew);
      const res = await agent.client.send('GET', '/me', { timestamp });
      const when = skew < 0 ? '29 s behind' : '29 s ahead of';
      expectAccepted(ctx, res, [200], `GET /me with X-NX-Timestamp ${when} the server clock`, `signed with X-NX-Timestamp = server time ${skew < 0 ? '−' : '+'} 29 000 ms (inside the ±30 s window)`);
    }
    const clock =
      ctx.clock.source === 'control'
        ? `the server's ${ctx.clock.kind} clock, read from its control API`
        : "this machine's clock, the server's Date header agreeing within a few seconds";
    return pass(`timestamps 29 s behind and 29 s ahead were accepted (server time: ${clock})`);
  },
};
