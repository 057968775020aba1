import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { authHeaders, expectAccepted, expectRejected, signLiterally } from './signing-helpers.js';

export const sandboxVerified: Check = {
  id: 'signature.sandbox-verified',
  title: 'Signature headers on a sandbox request are verified as in live mode',
  category: 'signatures',
  spec: 'SIGNING.md, "Sandbox and live keys": sandbox keys need only X-NX-Key; "when a sandbox request carries X-NX-Signature and/or X-NX-Timestamp anyway, the server verifies them exactly as in live mode and rejects a bad one".',
  requirements: ['auth.sandbox.key-only', 'signing.sandbox.verified', 'signing.sandbox.one-header'],
  modes: ['sandbox'],
  needs: { register: true, usesGivenAgent: true, budget: 7 },
  async run(ctx) {
    const agent = await ctx.agent();
    const plain = await agent.client.send('GET', '/me', { sign: false });
    expectAccepted(ctx, plain, [200], 'GET /me with a sandbox key and no signature headers', 'a sandbox request with X-NX-Key only (no X-NX-Signature, no X-NX-Timestamp)');

    const signed = await agent.client.send('GET', '/me', { sign: true });
    expectAccepted(ctx, signed, [200], 'GET /me with a sandbox key, correctly signed with the sandbox secret', 'a sandbox request signed canonically with its own secret');

    const timestamp = String(ctx.now());
    const wrongSecret = `nx-conformance-wrong-secret-${agent.apiSecret.length}`;
    const wrong = signLiterally({ secret: wrongSecret, timestamp, method: 'GET', path: '/me' });
    ctx.reproduceSigning = { secret: wrongSecret };
    const badSignature = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(timestamp, wrong) });
    expectRejected(ctx, badSignature, ['invalid_signature'], 'a sandbox GET /me carrying a wrong X-NX-Signature', 'a sandbox request carrying X-NX-Signature made with a wrong secret: it must be verified as in live mode');

    const stale = String(ctx.now() - 120_000);
    const badTimestamp = await agent.client.send('GET', '/me', { sign: true, timestamp: stale });
    expectRejected(ctx, badTimestamp, ['timestamp_out_of_window'], 'a sandbox GET /me signed with a timestamp 120 s old', 'a sandbox request signed correctly but with X-NX-Timestamp 120 s in the past');
    // "A sandbox request with only one of the two headers fails with the code for the missing one."
    const now = String(ctx.now());
    const timestampOnly = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(now, undefined) });
    expectRejected(ctx, timestampOnly, ['missing_signature'], 'a sandbox GET /me with X-NX-Timestamp but no X-NX-Signature', 'a sandbox request with X-NX-Timestamp only');
    const signature = signLiterally({ secret: agent.apiSecret, timestamp: now, method: 'GET', path: '/me' });
    const signatureOnly = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(undefined, signature) });
    expectRejected(ctx, signatureOnly, ['missing_timestamp'], 'a sandbox GET /me with X-NX-Signature but no X-NX-Timestamp', 'a sandbox request with X-NX-Signature only');
    return pass('a sandbox request is accepted without signature headers and with a good signature, and refused with a wrong signature, a stale timestamp, or only one of the two headers');
  },
};
