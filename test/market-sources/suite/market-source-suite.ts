// One suite for every MarketSource (hono's runTest({ newRouter, skip }) pattern): each source is a
// case, every case meets every invariant, and a case that cannot meet one says why in `skip`.
// Adding a source: add a case to cases.ts; the suite then holds it to the same invariants as the
// model, the overridable model, replay and CoinGecko.
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import type { MarketSource } from '../../../src/mock/engine/types.js';
import { contractInvariants } from './invariants-contract.js';
import { pathInvariants } from './invariants-path.js';
import { viewInvariants } from './invariants-views.js';
import type { Invariant, InvariantName, MarketSourceCase, SuiteContext } from './types.js';

export const INVARIANTS: Record<InvariantName, Invariant> = { ...contractInvariants, ...pathInvariants, ...viewInvariants };

/** The context the invariants of case `c` run in, around its shared source. */
export function suiteContext<S extends MarketSource>(c: MarketSourceCase<S>, source: () => MarketSource): SuiteContext {
  return {
    case: c,
    source,
    fresh: async (seed = 42) => c.create(seed),
    anyTime: fc.integer({ min: c.span.from, max: c.span.to }),
    anySymbol: () => fc.constantFrom(...source().coins().map((coin) => coin.symbol)),
  };
}

export function runMarketSourceSuite<S extends MarketSource>(c: MarketSourceCase<S>): void {
  const unsupported = [...(c.ends || c.skip?.ends ? [] : ['ends']), ...(c.goStale || c.skip?.staleness ? [] : ['staleness'])];
  if (unsupported.length) throw new Error(`market source case "${c.name}": support ${unsupported.join(' and ')}, or skip it with the reason`);

  describe(`market source: ${c.name}`, () => {
    let shared: MarketSource | undefined;
    beforeAll(async () => {
      shared = await c.create(42);
    });
    const ctx = suiteContext(c, () => {
      if (!shared) throw new Error('the shared source is created in beforeAll');
      return shared;
    });
    for (const [name, invariant] of Object.entries(INVARIANTS) as [InvariantName, Invariant][]) {
      const reason = c.skip?.[name];
      if (reason === undefined) it(invariant.title, () => invariant.run(ctx));
      else it.skip(`${invariant.title} (exempt: ${reason})`, () => {});
    }
  });
}
