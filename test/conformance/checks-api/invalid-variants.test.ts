// The invalid-input generator: for every operation of the spec and any seed, every variant it
// produces is invalid against the spec's own schemas, names where the problem is, and the same
// seed gives the same variants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TestAgent } from '../../../src/conformance/agent-pool.js';
import type { CheckContext } from '../../../src/conformance/check-context.js';
import { invalidVariants, takesInput } from '../../../src/conformance/checks/schema/support/invalid-variants.js';
import { bodyTextOf, inputRecipes, type Fixtures, type OperationCall } from '../../../src/conformance/checks/schema/support/operation-inputs.js';
import { seededRandom } from '../../../src/conformance/checks/schema/support/seeded-random.js';
import { operationList } from '../../../src/generated/operations.js';

const info = { symbol: 'BTC', tickSize: 0.01, lotSize: 0.00001, bestBid: 95_000, bestAsk: 95_001 };
const stubFixtures: Fixtures = {
  ctx: { mode: 'sandbox' } as CheckContext,
  coin: async () => info,
  restingOrderBody: async () => ({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.0001, price: 47_500 }),
  order: async () => 'ord_0a1b2c3d4e5f60718293',
  webhook: async () => 'wh_1a2b3c4d5e6f7a8b9c0d',
  record: () => {},
  preludeFor: () => undefined,
};
const agent = {} as TestAgent;

async function bases(): Promise<Map<string, OperationCall>> {
  const out = new Map<string, OperationCall>();
  for (const op of operationList) {
    const recipe = inputRecipes[op.operationId];
    if (recipe && takesInput(op)) out.set(op.operationId, await recipe.build(stubFixtures, agent));
  }
  return out;
}

function invalidForSpec(op: (typeof operationList)[number], call: OperationCall, location: 'body' | 'query' | 'path'): boolean {
  if (location !== 'body') return !op.params[location].safeParse(call[location]).success;
  try {
    return !op.requestBody?.schema.safeParse(JSON.parse(bodyTextOf(call) ?? '')).success;
  } catch {
    return true;
  }
}

describe('invalid-input variants', () => {
  it('the recipes are valid requests (the base every variant breaks in one way)', async () => {
    for (const [id, call] of await bases()) {
      const op = operationList.find((o) => o.operationId === id);
      if (!op) throw new Error(id);
      expect(op.params.path.safeParse(call.path).success, `${id} path`).toBe(true);
      expect(op.params.query.safeParse(call.query).success, `${id} query`).toBe(true);
      if (op.requestBody) expect(op.requestBody.schema.safeParse(call.body).success, `${id} body`).toBe(true);
    }
  });

  it('every variant of every operation is invalid, for any seed, and is reproducible', async () => {
    const all = await bases();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        for (const op of operationList) {
          const base = all.get(op.operationId);
          if (!base) continue;
          const variants = invalidVariants(op, base, seededRandom(seed, op.operationId));
          const again = invalidVariants(op, base, seededRandom(seed, op.operationId));
          expect(again.map((v) => v.label)).toEqual(variants.map((v) => v.label));
          expect(variants.length, op.operationId).toBeGreaterThan(0);
          for (const v of variants) expect(invalidForSpec(op, v.call, v.location), `${op.operationId}: ${v.label}`).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('covers the kinds the spec calls out for POST /orders: missing, wrong type, unknown value, 0/-1/1e400, unknown field, malformed JSON', async () => {
    const op = operationList.find((o) => o.operationId === 'placeOrder');
    const base = (await bases()).get('placeOrder');
    if (!op || !base) throw new Error('placeOrder');
    const kinds = new Set(invalidVariants(op, base, seededRandom(42, 'x')).map((v) => v.kind));
    expect([...kinds].sort()).toEqual(['malformed-json', 'missing-required', 'out-of-range', 'unknown-enum', 'unknown-field', 'wrong-type']);
    const texts = invalidVariants(op, base, seededRandom(7, 'y')).map((v) => bodyTextOf(v.call) ?? '');
    expect(texts.some((t) => /"(quantity|price)":1e400/.test(t))).toBe(true);
  });

  it('gives a non-numeric limit for the paged lists', async () => {
    const all = await bases();
    for (const id of ['listOrders', 'getSocialFeed', 'getCandles']) {
      const op = operationList.find((o) => o.operationId === id);
      const base = all.get(id);
      if (!op || !base) throw new Error(id);
      expect(invalidVariants(op, base, seededRandom(1, id)).some((v) => v.kind === 'non-numeric' && v.call.query.limit === 'abc')).toBe(true);
    }
  });
});
