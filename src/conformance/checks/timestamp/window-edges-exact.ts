import { SIGNATURE_WINDOW_MS } from '../../../signing/constants.js';
import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { expectAccepted, expectRejected } from '../signatures/signing-helpers.js';

// The one window constant (SIGNING.md), so a change to it moves the mock and this check together.
const WINDOW_MS = SIGNATURE_WINDOW_MS;

export const windowEdgesExact: Check = {
  id: 'timestamp.window-edges-exact',
  title: 'Timestamps exactly 30 000 ms off are accepted and 30 001 ms off refused (a clock the runner reads to the millisecond)',
  category: 'timestamp',
  spec: 'SIGNING.md, "Time window": "|serverNow − timestamp| ≤ 30 000 ms, both ends inclusive: a timestamp exactly 30 000 ms ahead of or behind the server clock is accepted, 30 001 ms is rejected."',
  requirements: ['signing.window.edges'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 5, clock: 'precise' },
  async run(ctx) {
    // Only a clock that stands still between the runner's read and the server's check places the
    // edges to the millisecond: the control API's virtual or fixed clock. Over a network, no other.
    if (ctx.clock.source !== 'control' || ctx.clock.kind === 'real') {
      ctx.skip("needs the server's time to the millisecond while a request travels: a server whose control API gives a virtual or fixed clock (the mock with --clock virtual:ISO)");
    }
    const agent = await ctx.agent();
    for (const [skew, ok] of [[-WINDOW_MS, true], [WINDOW_MS, true], [-(WINDOW_MS + 1), false], [WINDOW_MS + 1, false]] as const) {
      const timestamp = String(ctx.now() + skew);
      const res = await agent.client.send('GET', '/me', { timestamp });
      const what = `GET /me with X-NX-Timestamp exactly ${Math.abs(skew)} ms ${skew < 0 ? 'behind' : 'ahead of'} the server clock`;
      const note = `signed correctly, X-NX-Timestamp = server time ${skew < 0 ? '−' : '+'} ${Math.abs(skew)} ms (the window is ±30 000 ms, inclusive)`;
      if (ok) expectAccepted(ctx, res, [200], what, note);
      else expectRejected(ctx, res, ['timestamp_out_of_window'], what, note);
    }
    return pass('±30 000 ms were accepted, ±30 001 ms refused with timestamp_out_of_window');
  },
};
