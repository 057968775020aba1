// Fuzzing every operation of the spec (src/generated/operations.ts) through the whole HTTP
// pipeline (supertest, no sockets, virtual clock): valid and invalid requests of every kind
// (see support/requests.ts). Every answer must be a documented status with a spec-valid body and
// never a 5xx, and the engine's invariants must hold after every sequence. Seeded: a failure
// prints fast-check's seed and path (rerun with RELIABILITY_SEED or fc's `seed`/`path`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationList } from '../../src/generated/operations.js';
import { describeRequest, responseProblems, seedFor } from './support/checks.js';
import { invariantProblems } from './support/invariants.js';
import { fuzzMock, registerAgent, send } from './support/mock.js';
import { learn, materialize, requestPlan, type Known } from './support/requests.js';

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 25);

describe('fuzz: every operation answers every request with a documented, conforming response', () => {
  it('covers every operation of the spec', () => {
    expect(operationList.length).toBeGreaterThanOrEqual(16);
  });

  for (const op of operationList) {
    it(`${op.operationId} (${op.method.toUpperCase()} ${op.path})`, async () => {
      const seed = seedFor(op.operationId);
      await fc.assert(
        fc.asyncProperty(fc.array(requestPlan(op), { minLength: 1, maxLength: 6 }), async (plans) => {
          const m = fuzzMock({ rateLimit: 10_000, startingCash: 50_000, webhookTargets: 'loopback', webhookTimeoutMs: 200 });
          const agents = { sandbox: registerAgent(m.ctx, 'sandbox'), live: registerAgent(m.ctx, 'live') };
          const known: Known = { orders: [], webhooks: [] };
          // Something to address: a resting order and a filled one per agent.
          for (const who of [agents.sandbox, agents.live]) {
            known.orders.push(m.ctx.engine.placeOrder(who.agentId, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: 1000 }).order.orderId);
            known.orders.push(m.ctx.engine.placeOrder(who.agentId, { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.01 }).order.orderId);
          }
          for (const plan of plans) {
            const req = materialize(m.ctx, op, plan, known, agents);
            const res = await send(m.app, req);
            const problems = responseProblems(req, res);
            if (problems.length > 0) throw new Error(`${describeRequest(req)}\n→ ${res.status} ${res.text.slice(0, 400)}\n${problems.join('\n')}`);
            learn(known, res.status, res.text);
            m.ctx.clock.advance(250);
          }
          const broken = invariantProblems(m.ctx);
          if (broken.length > 0) throw new Error(`invariants broken after the sequence:\n${broken.join('\n')}`);
        }),
        { seed, numRuns: RUNS },
      );
    }, 600_000);
  }
});
