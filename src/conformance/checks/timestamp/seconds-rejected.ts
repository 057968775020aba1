import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { expectRejected } from '../signatures/signing-helpers.js';

export const secondsRejected: Check = {
  id: 'timestamp.seconds-rejected',
  title: 'A timestamp in seconds (signed consistently) gets 401 timestamp_out_of_window',
  category: 'timestamp',
  spec: 'SIGNING.md, "The scheme": timestamp is "milliseconds since the Unix epoch"; a value in seconds is ~55 years behind the server clock → 401 timestamp_out_of_window ("… looks like seconds; send milliseconds").',
  requirements: ['signing.timestamp.milliseconds'],
  modes: ['live'],
  needs: { register: true, usesGivenAgent: true, budget: 2 },
  async run(ctx) {
    const agent = await ctx.agent();
    const timestamp = String(Math.floor(ctx.now() / 1000));
    const res = await agent.client.send('GET', '/me', { timestamp });
    expectRejected(ctx, res, ['timestamp_out_of_window'], `GET /me with X-NX-Timestamp ${timestamp} (the current time in seconds, signed with that same value)`, `X-NX-Timestamp in seconds (${timestamp}), signed consistently with that value: the server must read it as milliseconds`);
    return pass('a seconds timestamp was refused with 401 timestamp_out_of_window');
  },
};
