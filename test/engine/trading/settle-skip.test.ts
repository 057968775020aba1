// Skipping quiet days changes nothing: an engine whose market answers quietUntil() and one whose
// market does not (so it scans range() day by day) end in equal snapshots and equal event lists
// after the same orders, price overrides and clock moves, breakers and day rolls included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../src/mock/engine/clock.js';
import { createEngine } from '../../../src/mock/engine/index.js';
import { createModelMarket, createOverridableMarket, type OverridableMarket } from '../../../src/mock/engine/market/index.js';
import { roundToStep } from '../../../src/mock/engine/market/grid.js';
import { createRng } from '../../../src/mock/engine/random.js';
import type { EngineEvent } from '../../../src/mock/engine/trading/events.js';
import type { MarketSource } from '../../../src/mock/engine/types.js';

type Step =
  | { kind: 'order'; symbol: 'BTC' | 'ETH' | 'DOGE'; side: 'buy' | 'sell'; offsetPct: number; size: number }
  | { kind: 'move'; ms: number }
  | { kind: 'shift'; symbol: 'BTC' | 'ETH'; percent: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), symbol: fc.constantFrom('BTC' as const, 'ETH' as const, 'DOGE' as const), side: fc.constantFrom('buy' as const, 'sell' as const), offsetPct: fc.integer({ min: -30, max: 30 }), size: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('move' as const), ms: fc.integer({ min: 1, max: 90 * 86_400_000 }) }),
  fc.record({ kind: fc.constant('shift' as const), symbol: fc.constantFrom('BTC' as const, 'ETH' as const), percent: fc.integer({ min: -20, max: 20 }) }),
);

/** The same market without quietUntil: the engine falls back to one range() per day. */
function dayByDay(market: OverridableMarket): MarketSource {
  return { coins: () => market.coins(), coin: (s) => market.coin(s), price: (s, t) => market.price(s, t), ticker: (s, t) => market.ticker(s, t), candles: (s, i, l, t) => market.candles(s, i, l, t), book: (s, d, t) => market.book(s, d, t), range: (s, a, b) => market.range(s, a, b) };
}

function run(steps: Step[], skipping: boolean) {
  const clock = createClock('virtual:2026-01-05T12:00:00Z');
  const market = createOverridableMarket(createModelMarket({ seed: 11 }));
  let n = 0;
  const engine = createEngine({ clock, market: skipping ? market : dayByDay(market), rng: createRng('skip'), secretSource: () => `s${++n}`, startingCash: 1e6 });
  const events: EngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  const ids = [0, 1].map((i) => engine.registerAgent({ name: `a${i}`, permissions: ['write:orders'], mode: 'live', dailyLossLimit: 2_000 + i * 50_000, maxPositionSize: 1e6 }).agent.agentId);
  const sizes = { BTC: 0.05, ETH: 1, DOGE: 5_000 };
  steps.forEach((s, i) => {
    const now = clock.now();
    if (s.kind === 'move') clock.advance(s.ms);
    else if (s.kind === 'shift') {
      engine.settle();
      market.shift(s.symbol, s.percent, now);
    } else {
      const tick = market.coin(s.symbol)!.tickSize;
      const price = roundToStep(market.price(s.symbol, now) * (1 + s.offsetPct / 100), tick);
      try {
        engine.placeOrder(ids[i % 2]!, { symbol: s.symbol, side: s.side, type: 'limit', quantity: sizes[s.symbol] * s.size, price });
      } catch {
        // refused (funds, breaker, position): the same in both engines, which the snapshot shows
      }
    }
    engine.settle();
  });
  return { snapshot: engine.snapshot(), events };
}

describe('settling skips quiet days without changing the outcome', () => {
  it('equal snapshots and events with and without quietUntil', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 3, maxLength: 25 }), (steps) => {
        const skipped = run(steps, true);
        const scanned = run(steps, false);
        expect(skipped.snapshot).toEqual(scanned.snapshot);
        expect(skipped.events).toEqual(scanned.events);
      }),
      { numRuns: 40 },
    );
  });
});
