// A flood of bad signatures does not slow down anyone else (issue 12): four clients loop POST
// /orders with a 1 MiB body and a bad signature on one sandbox key (in a worker thread), while
// another agent's GET /market is timed. Failed authentications are budgeted and refused before
// the body is read, so the other agent's median stays within 2× of its idle median. Idle and
// flood are measured in turns within the test, so the machine's own load cancels out.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import type { Credentials } from './support/mock.js';
import { call } from './support/sockets.js';

const ROUNDS = 3;
const SAMPLES = 25;

let mock: RunningMock;
beforeAll(async () => {
  // A virtual clock: the budget never refills during the test, so every flood request past the
  // first 30 meets it; the honest agent's own quota is raised out of the way.
  mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', rateLimit: 100_000 });
});
afterAll(() => mock.close(1_000));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timeMarket(who: Credentials, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const res = await call(mock, who, 'GET', '/market');
    out.push(performance.now() - t0);
    expect(res.status).toBe(200);
  }
  return out;
}

function startFlood(apiKey: string): { stop: () => Promise<Record<string, number>> } {
  const worker = new Worker(new URL('./support/flood-worker.mjs', import.meta.url), { workerData: { url: mock.url, apiKey, clients: 4, timestamp: mock.ctx.clock.now() } });
  const done = new Promise<Record<string, number>>((resolve, reject) => {
    worker.on('message', (m: { statuses?: Record<string, number> }) => m.statuses && resolve(m.statuses));
    worker.on('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const statuses = await done;
      await worker.terminate();
      return statuses;
    },
  };
}

describe('a flood of bad signatures', () => {
  it("keeps another agent's GET /market median within 2× of its idle median", async () => {
    const engine = mock.ctx.engine;
    const target = engine.registerAgent({ name: 'flooded', permissions: ['write:orders'], mode: 'sandbox' }).agent;
    const { agent, apiSecret } = engine.registerAgent({ name: 'bystander', permissions: ['read:market'], mode: 'sandbox' });
    const bystander = { agentId: agent.agentId, apiKey: agent.apiKey, apiSecret };
    await timeMarket(bystander, 10); // warm-up
    const idle: number[] = [];
    const flooded: number[] = [];
    const answered: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      idle.push(...(await timeMarket(bystander, SAMPLES)));
      const flood = startFlood(target.apiKey);
      await new Promise((r) => setTimeout(r, 300)); // the flood meets the budget first
      flooded.push(...(await timeMarket(bystander, SAMPLES)));
      for (const [status, n] of Object.entries(await flood.stop())) answered[status] = (answered[status] ?? 0) + n;
    }
    // The flood was real: 30 failures spent the key's budget (a few more that were already past the
    // check when the 30th was counted), and every later attempt got a (slow) 429 before its body
    // was read; how many depends on the machine, so only their presence is asserted.
    expect(answered['401']).toBeGreaterThanOrEqual(30);
    expect(answered['401']).toBeLessThanOrEqual(34);
    expect(answered['429'] ?? 0).toBeGreaterThan(0);
    expect(median(flooded), `idle median ${median(idle).toFixed(2)} ms, under the flood ${median(flooded).toFixed(2)} ms`).toBeLessThanOrEqual(2 * median(idle));
  }, 120_000);
});
