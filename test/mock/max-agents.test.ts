// --max-agents: registrations beyond the cap (demo agents count) get a documented 403
// agent_limit_reached problem, so a flood of registrations cannot exhaust the mock's memory.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MOCK_DEFAULTS } from '../../src/mock/http/mock-options.js';
import { createTestMock } from '../helpers/test-mock.js';

afterEach(() => vi.restoreAllMocks());

describe('maxAgents', () => {
  it('refuses the registration past the cap with 403 agent_limit_reached, and a reset makes room again', async () => {
    const m = createTestMock({ maxAgents: 3 }); // the two demo agents, and one more
    const body = { name: 'Full', permissions: ['read:market'], mode: 'sandbox' };
    expect((await m.call('POST', '/register', { body })).status).toBe(201);
    const refused = await m.call('POST', '/register', { body }); // checked against the spec by call()
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'agent_limit_reached', limit: 3, detail: expect.stringContaining('--max-agents') });
    expect(refused.headers['x-ratelimit-limit']).toBeDefined();
    expect(m.ctx.engine.stats().agents).toBe(3);
    await m.control('POST', '/reset');
    expect((await m.call('POST', '/register', { body })).status).toBe(201);
  });

  it('defaults to 10 000 and refuses a cap below 1', () => {
    expect(MOCK_DEFAULTS.maxAgents).toBe(10_000);
    expect(createTestMock().ctx.options.maxAgents).toBe(10_000);
    expect(() => createTestMock({ maxAgents: 0 })).toThrow(/maxAgents must be a positive number/);
  });

  it('the CLI refuses --max-agents 0 as a usage error (exit 2)', async () => {
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
    expect(await main(['mock', '--port', '0', '--max-agents', '0'])).toBe(2);
    expect(err).toContain('a positive integer');
  });
});
