// Failed authentication is budgeted (issue 12): 30 failures a minute per known key, 60 per address
// for requests without a known key, then 429 rate_limited with an honest Retry-After, decided
// before the body is read. A client with a valid key is never held back by others' failures.
import { describe, expect, it, vi } from 'vitest';
import { MOCK_DEFAULTS } from '../../src/mock/http/mock-options.js';
import { createTestMock } from '../helpers/test-mock.js';
import { expectProblem, marketOrder } from './support.js';

const badSignature = (ts: number) => ({ 'x-nx-timestamp': String(ts), 'x-nx-signature': 'f'.repeat(64) });

describe('the budget of failed authentications', () => {
  // The tests that are not about the real-time pause before the 429 set it to 0.
  it('turns the 31st bad signature on one key within a minute into 429 failed-auth, and refills', async () => {
    const { call, register, ctx } = createTestMock({ failedAuthPauseMs: 0 });
    const live = await register({ mode: 'live' });
    const bad = () => call('POST', '/orders', { as: live, sign: false, body: marketOrder(), headers: badSignature(ctx.clock.now()) });
    for (let i = 0; i < 30; i++) expectProblem(await bad(), 401, 'invalid_signature');
    const limited = await bad();
    const problem = expectProblem(limited, 429, 'rate_limited');
    expect(limited.headers['retry-after']).toBe('2');
    expect(problem.retryAfter).toBe(2);
    expect(limited.headers['ratelimit-policy']).toBe('"failed-auth";q=30;w=60');
    expect(String(problem.detail)).toContain('failed authentications for this API key');
    // Refused before verifying anything, or reading the body (no 413 for this one)…
    expectProblem(await call('GET', '/me', { as: live }), 429, 'rate_limited');
    expectProblem(await call('POST', '/orders', { as: live, body: Buffer.alloc(2 * 1024 * 1024, 0x20), unchecked: true }), 429, 'rate_limited');
    // …which Retry-After measures exactly.
    ctx.clock.advance(2_000);
    expect((await call('GET', '/me', { as: live })).status).toBe(200);
  });

  it('answers a request over the budget only after a real-time pause, so a looping client slows itself', async () => {
    const { call, register, ctx } = createTestMock();
    const live = await register({ mode: 'live' });
    const bad = () => call('GET', '/me', { as: live, sign: false, headers: badSignature(ctx.clock.now()), unchecked: true });
    for (let i = 0; i < 30; i++) expectProblem(await bad(), 401, 'invalid_signature');
    const started = performance.now();
    expectProblem(await bad(), 429, 'rate_limited');
    // A lower bound only (load can lengthen it, never shorten it); 2 ms for the timer's rounding.
    expect(performance.now() - started).toBeGreaterThanOrEqual(MOCK_DEFAULTS.failedAuthPauseMs - 2);
  });

  it('holds the 429 for exactly failedAuthPauseMs of timer time, and not at all with 0', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      for (const pause of [250, 0]) {
        const { call, register, ctx } = createTestMock({ failedAuthPauseMs: pause });
        const live = await register({ mode: 'live' });
        const bad = () => call('GET', '/me', { as: live, sign: false, headers: badSignature(ctx.clock.now()), unchecked: true });
        for (let i = 0; i < 30; i++) expectProblem(await bad(), 401, 'invalid_signature');
        let answered = false;
        const over = bad().finally(() => (answered = true));
        // Real sockets carry the request: let them work without moving the faked timers (vi.waitFor
        // would advance them), until `done` holds or many event-loop turns have passed.
        const turnUntil = async (done: () => boolean): Promise<boolean> => {
          for (let turns = 0; turns < 20_000 && !done(); turns++) await new Promise((resolve) => setImmediate(resolve));
          return done();
        };
        if (pause > 0) {
          expect(await turnUntil(() => answered || vi.getTimerCount() > 0)).toBe(true);
          await vi.advanceTimersByTimeAsync(pause - 1);
          expect(answered, `answered before its ${pause} ms pause`).toBe(false);
          await vi.advanceTimersByTimeAsync(1);
        }
        expect(await turnUntil(() => answered), pause > 0 ? `not answered after its ${pause} ms pause` : 'held although the pause is 0').toBe(true);
        expectProblem(await over, 429, 'rate_limited');
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a negative failedAuthPauseMs with a message that names it', () => {
    expect(() => createTestMock({ failedAuthPauseMs: -1 })).toThrow('failedAuthPauseMs must be 0 or more, got -1.');
  });

  it('never holds back another agent from the same address', async () => {
    const { call, register, ctx } = createTestMock();
    const victim = await register({ mode: 'live' });
    const bystander = await register({ mode: 'live' });
    // All at once: each refusal over the budget waits its real-time pause, and these overlap.
    const failures = await Promise.all(
      Array.from({ length: 40 }, () => call('GET', '/me', { as: victim, sign: false, headers: badSignature(ctx.clock.now()), unchecked: true })),
    );
    expect(failures.filter((r) => r.status === 429)).toHaveLength(10); // the victim is over its budget…
    expect((await call('GET', '/me', { as: bystander })).status).toBe(200); // …and the bystander is not
  });

  it('budgets requests without a known key per address (60 a minute)', async () => {
    const { call, register } = createTestMock({ failedAuthPauseMs: 0 });
    const agent = await register();
    const unknown = (i: number) => call('GET', '/me', { headers: { 'x-nx-key': `nx_test_Guess${i}` } });
    for (let i = 0; i < 60; i++) expectProblem(await unknown(i), 401, 'invalid_api_key');
    const limited = expectProblem(await unknown(60), 429, 'rate_limited');
    expect(String(limited.detail)).toContain('from this address without a known API key');
    expectProblem(await call('GET', '/me'), 429, 'rate_limited');
    // A valid key from the same address is not a request without a known key.
    expect((await call('GET', '/me', { as: agent })).status).toBe(200);
  });

  it('counts only failures: a stream of good requests never meets the budget', async () => {
    const { call, register } = createTestMock({ rateLimit: 1000 });
    const live = await register({ mode: 'live' });
    for (let i = 0; i < 80; i++) expect((await call('GET', '/me', { as: live })).status).toBe(200);
  });
});
