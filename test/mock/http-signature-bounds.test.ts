// A bad signature stays cheap for the server (issue 12): the echoed string to sign is clipped to
// 1 KiB with its length and SHA-256, bodies over 64 KiB are not diagnosed, and only explicitly
// linked agents' secrets take part in the diagnosis (never another agent that shares a name).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestMock } from '../helpers/test-mock.js';
import { expectProblem, hmacHex } from './support.js';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

describe('what an invalid_signature problem costs and shows', () => {
  it('does not diagnose a body over 64 KiB, and echoes 1 KiB of it with its length and hash', async () => {
    const { call, register, ctx } = createTestMock();
    const live = await register({ mode: 'live' });
    const ts = String(ctx.clock.now());
    // The body of the report: a megabyte of control characters, each escaped to 6 bytes in JSON.
    const body = '\u0001'.repeat(1_000_000);
    const res = await call('POST', '/orders', { as: live, sign: false, body, headers: { 'x-nx-timestamp': ts, 'x-nx-signature': hmacHex(live.apiSecret, `${ts}POST/v1/agent/orders${body}`) } });
    const problem = expectProblem(res, 401, 'invalid_signature');
    const signed = `${ts}POST/orders${body}`;
    expect(problem.mistake).toMatchObject({ code: 'not_diagnosed' });
    expect(problem.stringToSignLength).toBe(Buffer.byteLength(signed));
    expect(problem.stringToSignSha256).toBe(sha256(signed));
    expect(Buffer.byteLength(String(problem.stringToSign))).toBeLessThanOrEqual(1024 + 3);
    expect(String(problem.stringToSign)).toBe(`${signed.slice(0, 1024)}…`);
    expect(res.text.length).toBeLessThan(16 * 1024); // was 6 MB of escaped control characters
  });

  it('still diagnoses up to 64 KiB, with the echo clipped the same way', async () => {
    const { call, register, ctx } = createTestMock();
    const live = await register({ mode: 'live' });
    const ts = String(ctx.clock.now());
    const body = JSON.stringify({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 1, note: 'é'.repeat(20_000) });
    const res = await call('POST', '/orders', { as: live, sign: false, body, headers: { 'x-nx-timestamp': ts, 'x-nx-signature': hmacHex(live.apiSecret, `${ts}POST/orders`) } });
    const problem = expectProblem(res, 401, 'invalid_signature');
    expect(problem.mistake).toMatchObject({ code: 'body_omitted' });
    // Clipped on a character boundary: 'é' is two bytes, so no half character before the ellipsis.
    expect(String(problem.stringToSign)).toMatch(/^\d+POST\/orders\{.*é…$/);
    expect(Buffer.byteLength(String(problem.stringToSign))).toBeLessThanOrEqual(1024 + 3);
    expect(Buffer.byteLength(String((problem.mistake as { signedString: string }).signedString))).toBeLessThanOrEqual(1024 + 3);
  });

  it("uses a linked agent's secret for wrong_secret_mode, never one of an agent that only shares the name", async () => {
    const { call, register, ctx } = createTestMock();
    const victim = await register({ name: 'Victim Bot', mode: 'live' });
    const namesake = await register({ name: 'Victim Bot', mode: 'sandbox' });
    const ts = String(ctx.clock.now());
    const signedWith = (secret: string) => ({ 'x-nx-timestamp': ts, 'x-nx-signature': hmacHex(secret, `${ts}GET/portfolio`) });
    const unlinked = expectProblem(await call('GET', '/portfolio', { as: victim, sign: false, headers: signedWith(namesake.apiSecret) }), 401, 'invalid_signature');
    expect(unlinked.mistake).toMatchObject({ code: 'unrecognised' });
    ctx.linkAgents(victim.agentId, namesake.agentId);
    const linked = expectProblem(await call('GET', '/portfolio', { as: victim, sign: false, headers: signedWith(namesake.apiSecret) }), 401, 'invalid_signature');
    expect(linked.mistake).toMatchObject({ code: 'wrong_secret_mode' });
  });

  it('links the demo agents, one sandbox and one live agent of the same person', async () => {
    const { call, ctx } = createTestMock({ demoAgents: true });
    const [sandbox, live] = ['sandbox', 'live'].map((mode) => ctx.demoAgents.find((d) => d.mode === mode));
    if (!sandbox || !live) throw new Error('demo agents missing');
    const ts = String(ctx.clock.now());
    const res = await call('GET', '/portfolio', {
      as: { apiKey: live.apiKey, apiSecret: live.apiSecret },
      sign: false,
      headers: { 'x-nx-timestamp': ts, 'x-nx-signature': hmacHex(sandbox.apiSecret, `${ts}GET/portfolio`) },
    });
    expect(expectProblem(res, 401, 'invalid_signature').mistake).toMatchObject({ code: 'wrong_secret_mode' });
  });
});
