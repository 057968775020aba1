// planWalk (the engine's taker walk that builds only the top of the book when that settles the
// order) must plan exactly what walkBook plans over the full 50-level book: same fills, same
// quantities, same cost, for every coin, side, size and limit, with and without price overrides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModelMarket, createOverridableMarket, DEFAULT_COINS } from '../../src/mock/engine/market/index.js';
import { BOOK_DEPTH, planWalk, walkBook } from '../../src/mock/engine/trading/order-book-walk.js';
import { decimalsOf } from '../../src/mock/engine/trading/round.js';
import { seedFor } from './support/checks.js';

const T0 = Date.parse('2026-01-05T12:00:00Z');

describe('planWalk equals walkBook over the full book', () => {
  it('for any coin, side, size, limit and time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.constantFrom(...DEFAULT_COINS),
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.option(fc.integer({ min: -300, max: 300 }), { freq: 2 }),
        fc.integer({ min: 0, max: 90 * 24 * 60 }),
        fc.option(fc.oneof(fc.record({ pin: fc.double({ min: 0.5, max: 1.5, noNaN: true }) }), fc.record({ shift: fc.integer({ min: -50, max: 50 }) }))),
        fc.constantFrom(0, 10, 100),
        (seed, coin, side, lots, limitBps, minute, override, feeBps) => {
          const market = createOverridableMarket(createModelMarket({ seed }));
          const t = T0 + minute * 60_000 + (minute % 7) * 1_000;
          if (override && 'pin' in override) market.pin(coin.symbol, market.price(coin.symbol, t) * override.pin, t - 1);
          if (override && 'shift' in override) market.shift(coin.symbol, override.shift, t - 1);
          const mid = market.price(coin.symbol, t);
          const qtyDecimals = decimalsOf(coin.lotSize);
          // From one lot up to far more than the whole book holds (so every level is walked).
          const quantity = Number((lots * coin.lotSize * Math.max(1, 10 ** Math.floor(lots / 400_000))).toFixed(qtyDecimals));
          const limit = limitBps === null ? null : Number((mid * (1 + limitBps / 10_000)).toFixed(decimalsOf(coin.tickSize)));
          const full = walkBook(market.book(coin.symbol, BOOK_DEPTH, t), side, quantity, limit, coin.lotSize, qtyDecimals, feeBps);
          const planned = planWalk(market, coin.symbol, t, side, quantity, limit, coin.lotSize, qtyDecimals, feeBps);
          expect(planned).toEqual(full);
        },
      ),
      { seed: seedFor('planWalk'), numRuns: 3_000 },
    );
  });
});
