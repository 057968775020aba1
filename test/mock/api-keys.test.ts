// API keys are credentials: drawn from node:crypto, so the same seed no longer hands the first
// agent the same key on every run; seeded keys only with deterministicKeys, and never beyond
// loopback. Ids stay seeded either way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createMockApp } from '../../src/mock/http/create-mock-app.js';
import { startMock } from '../../src/mock/http/start-mock.js';

const firstAgent = (options: Parameters<typeof createMockApp>[0] = {}) => {
  const { ctx } = createMockApp({ seed: 7, clock: 'fixed:2026-01-05T12:00:00Z', ...options });
  const { agent } = ctx.engine.registerAgent({ name: 'first', mode: 'sandbox', permissions: ['read:market'] });
  return { ctx, agent };
};

afterEach(() => vi.restoreAllMocks());

describe('API keys', () => {
  it('are random by default: the same seed gives the same agent id but a new key each run', () => {
    const keys = new Set<string>();
    const ids = new Set<string>();
    for (let run = 0; run < 5; run++) {
      const { agent } = firstAgent();
      expect(agent.apiKey).toMatch(/^nx_test_[A-Za-z0-9]{32}$/);
      keys.add(agent.apiKey);
      ids.add(agent.agentId);
    }
    expect(keys.size).toBe(5);
    expect(ids.size).toBe(1);
  });

  it('with deterministicKeys follow the seed, survive reset(), and leave the ids as they were', () => {
    const a = firstAgent({ deterministicKeys: true });
    const b = firstAgent({ deterministicKeys: true });
    expect(b.agent.apiKey).toBe(a.agent.apiKey);
    expect(a.agent.agentId).toBe(firstAgent().agent.agentId);
    expect(firstAgent({ deterministicKeys: true, seed: 8 }).agent.apiKey).not.toBe(a.agent.apiKey);
    a.ctx.reset();
    expect(a.ctx.engine.registerAgent({ name: 'again', mode: 'sandbox', permissions: [] }).agent.apiKey).toBe(a.agent.apiKey);
  });

  it('are never deterministic beyond loopback: startMock refuses, and says why and what to do', async () => {
    await expect(startMock({ host: '0.0.0.0', port: 0, deterministicKeys: true })).rejects.toThrow(/refused on 0\.0\.0\.0.*compute every agent's key.*127\.0\.0\.1/);
    const mock = await startMock({ host: '127.0.0.1', port: 0, deterministicKeys: true });
    await mock.close();
  });

  it('the CLI: --deterministic-keys with --host 0.0.0.0 exits 2 without listening', async () => {
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
    const code = await main(['mock', '--host', '0.0.0.0', '--port', '0', '--deterministic-keys']);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(err).toMatch(/deterministic API keys are refused on 0\.0\.0\.0/);
  });
});
