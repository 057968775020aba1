import { describe, expect, it } from 'vitest';
import { ignoreMaxPosition } from '../../../src/mock/defects/ignore-max-position.js';
import { defaultParts } from '../../../src/mock/http/mock-parts.js';
import { expectEngineError, makeHarness } from '../helpers/make-engine.js';

const setup = (opts = {}) => {
  const h = makeHarness({ startingCash: 1_000_000, ...opts });
  return { ...h, id: h.agent({ maxPositionSize: 60_000 }) };
};

describe('maxPositionSize', () => {
  it('counts same-side open orders at the new order’s limit price', () => {
    const { engine, id } = setup();
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 1, price: 49_000 });
    const e = expectEngineError(
      () => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.3, price: 49_000 }),
      'position_limit_exceeded',
    );
    expect(e.status).toBe(403);
    expect(e.details).toMatchObject({ limit: 60_000, projected: 63_700 });
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.2, price: 49_000 }).order.status).toBe('open');
    // Other symbols have their own budget.
    expect(engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 10, price: 2_900 }).order.status).toBe('open');
  });

  it('uses the mid for market orders and the position held', () => {
    const { engine, id } = setup();
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1.3 }), 'position_limit_exceeded');
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1.2 }); // 1.2 × 50 000 = 60 000: at the limit is fine
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.0001 }), 'position_limit_exceeded');
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 40_000 }).order.status).toBe('open'); // 1.3 × 40 000
  });

  it('exempts orders that only reduce the position', () => {
    const { engine, clock, market, id } = setup();
    engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1.2 });
    clock.advance(1000);
    market.set('BTC', 70_000);
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 1.2, price: 80_000 }).order.status).toBe('open');
  });

  it('applies to shorts on the sell side when shorting is allowed', () => {
    const { engine, id } = setup({ allowShort: true });
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 1.3 }), 'position_limit_exceeded');
    engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 1 });
    // Buying back up to the short is reducing; beyond it only the excess counts.
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 2, price: 40_000 }).order.status).toBe('open');
  });

  it('the seeded defect ignore-max-position (an injected strategy): never enforced', () => {
    const { engine, id } = setup({ strategies: ignoreMaxPosition.apply(defaultParts).engine });
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 3 }).order.status).toBe('filled');
  });
});
