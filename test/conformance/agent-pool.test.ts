// The agent pool's quota model and its waits, against a mock on a virtual clock WITHOUT its control
// API (so the runner cannot move it): the test's waitServer moves the mock's clock in-process, as
// time passing would, and records what the runner said it was waiting for.
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentPool } from '../../src/conformance/agent-pool.js';
import { catalogue } from '../../src/conformance/catalogue.js';
import { runChecks } from '../../src/conformance/run-checks.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';

let mock: RunningMock;
afterEach(async () => {
  await mock.close();
});

async function setUp(options: { registerRateLimit?: number; given?: boolean } = {}) {
  mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', control: false, registerRateLimit: options.registerRateLimit });
  const demo = mock.ctx.demoAgents.find((d) => d.mode === 'sandbox');
  const waits: Array<{ ms: number; what: string }> = [];
  const statuses: number[] = [];
  const pool = createAgentPool({
    baseUrl: mock.baseUrl,
    timeoutMs: 10_000,
    given: options.given && demo ? { apiKey: demo.apiKey, apiSecret: demo.apiSecret } : undefined,
    onExchange: (e) => statuses.push(e.response.status),
    waitServer: async (ms, what) => {
      waits.push({ ms, what });
      mock.ctx.clock.advance(ms);
    },
    now: () => mock.ctx.clock.now(),
    signal: () => undefined,
  });
  return { pool, waits, statuses };
}

const spend = async (agent: { client: { market(): Promise<{ status: number }> } }, n: number): Promise<void> => {
  for (let i = 0; i < n; i++) expect((await agent.client.market()).status).toBe(200);
};

describe('the agent pool', () => {
  it('reuses a pooled agent while its modelled quota covers the budget (plus a margin), then registers another', async () => {
    const { pool, statuses } = await setUp();
    const a = await pool.agent({ permissions: ['read:market'], budget: 20 }, 'sandbox');
    await spend(a, 20);
    expect((await pool.agent({ permissions: ['read:market'], budget: 20 }, 'sandbox')).id).toBe(a.id); // 40 left ≥ 20 + 5
    await spend(a, 20);
    const b = await pool.agent({ permissions: ['read:market'], budget: 20 }, 'sandbox'); // 20 left < 25
    expect(b.id).not.toBe(a.id);
    expect(pool.registrations).toBe(2);
    // The model matches the server: no request was refused.
    expect(statuses).not.toContain(429);
    expect(a.quota.peek('agent', mock.ctx.clock.now()).remaining).toBe(20);
  });

  it('keeps agents apart by what they are (permissions, limits) and never reuses a fresh one', async () => {
    const { pool } = await setUp();
    const plain = await pool.agent({ permissions: ['read:market'] }, 'sandbox');
    const capped = await pool.agent({ permissions: ['read:market'], maxPositionSize: 1000 }, 'sandbox');
    const fresh = await pool.agent({ permissions: ['read:market'], fresh: true }, 'sandbox');
    expect(new Set([plain.id, capped.id, fresh.id]).size).toBe(3);
    expect((await pool.agent({ permissions: ['read:market'] }, 'sandbox')).id).toBe(plain.id);
  });

  it('waits out a registration 429 for Retry-After on the server clock, saying what it waits for', async () => {
    const { pool, waits, statuses } = await setUp({ registerRateLimit: 2 });
    await pool.agent({ fresh: true }, 'sandbox');
    await pool.agent({ fresh: true }, 'sandbox');
    const third = await pool.agent({ fresh: true }, 'sandbox');
    expect(third.apiKey).toMatch(/^nx_test_/);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(waits).toEqual([{ ms: 30_000, what: expect.stringMatching(/^the server's registration quota \(POST \/register answered 429, Retry-After: 30\)/) }]);
  });

  it('with --key, waits (on the server clock) until the given agent has quota for the check, instead of running into 429s', async () => {
    const { pool, waits, statuses } = await setUp({ given: true });
    const given = await pool.agent({ budget: 10 }, 'sandbox');
    await spend(given, 49); // with GET /me: 50 used, 10 left
    expect(await pool.agent({ budget: 10 }, 'sandbox')).toBe(given);
    // 10 + 5 of margin needed, 10 left: 5 more, one per second.
    expect(waits).toEqual([{ ms: 5_000, what: 'the quota of the agent given by --key to refill by 5 requests' }]);
    await spend(given, 15);
    expect(statuses).not.toContain(429);
  });
});

describe('repeated runs against one mock', () => {
  it('say what they wait for when the registration quota is used up, and for how long', async () => {
    // A run of the permission checks registers 7 agents; 10 registrations a minute run out in the second run.
    mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', control: false, registerRateLimit: 10 });
    const waits: string[] = [];
    const run = () =>
      runChecks({
        baseUrl: mock.baseUrl,
        checks: catalogue,
        only: ['permissions'],
        // Sandbox: unsigned, so the virtual clock far from this machine's does not matter.
        modes: ['sandbox'],
        allowLiveOrders: true,
        slow: false,
        timeoutMs: 10_000,
        seed: 1,
        // A virtual clock is far from this machine's: not what this test is about.
        preflight: { clockToleranceMs: Number.POSITIVE_INFINITY },
        // The server's clock passing, as it would while the runner sleeps.
        sleep: async (ms) => mock.ctx.clock.advance(ms),
        onWait: (what, ms) => waits.push(`${Math.round(ms / 1000)} s: ${what}`),
      });
    for (let i = 0; i < 3; i++) {
      const summary = await run();
      expect(summary.findings.filter((f) => f.status === 'fail').map((f) => `${f.checkId}: ${f.message}`)).toEqual([]);
    }
    expect(waits.length).toBeGreaterThan(0);
    for (const w of waits) expect(w).toMatch(/^\d+ s: the server's registration quota \(POST \/register answered 429, Retry-After: \d+\)/);
  }, 60_000);
});
