import { describe, expect, it } from 'vitest';
import { ENGINE_ERROR_STATUS, EngineError } from '../../../src/mock/engine/errors.js';
import { expectEngineError, makeHarness } from '../helpers/make-engine.js';

const setup = () => {
  const h = makeHarness();
  return { ...h, id: h.agent() };
};

describe('order validation', () => {
  it('accepts ticker, coin id and any case, storing the ticker', () => {
    const { engine, id } = setup();
    for (const symbol of ['BTC', 'btc', 'bitcoin', 'BitCoin']) {
      expect(engine.placeOrder(id, { symbol, side: 'buy', type: 'limit', quantity: 0.001, price: 40_000 }).order.symbol).toBe('BTC');
    }
  });

  it.each(['XYZ', '', 42])('rejects unknown symbol %s', (symbol) => {
    const { engine, id } = setup();
    const e = expectEngineError(() => engine.placeOrder(id, { symbol: symbol as string, side: 'buy', type: 'market', quantity: 1 }), 'unknown_symbol');
    expect(e.status).toBe(400);
    expect(e.message).toContain('BTC');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 0.00015, 0.00001, '1'])('rejects quantity %s', (quantity) => {
    const { engine, id } = setup();
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: quantity as number }), 'invalid_quantity');
  });

  it('enforces minQuantity and snaps float noise to the lot', () => {
    const { engine, id } = setup();
    expectEngineError(() => engine.placeOrder(id, { symbol: 'DOGE', side: 'buy', type: 'market', quantity: 5 }), 'invalid_quantity');
    const { order } = engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.1 + 0.2, price: 2000 });
    expect(order.quantity).toBe(0.3);
  });

  it('caps a single order at 1e9 USD notional', () => {
    const { engine, id } = setup();
    const e = expectEngineError(
      () => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 30_000, price: 50_000 }),
      'invalid_quantity',
    );
    expect(e.details).toMatchObject({ limit: 1e9 });
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 30_000 }), 'invalid_quantity');
  });

  it.each([undefined, null, 0, -5, Number.NaN, 50_000.005, '50000'])('rejects limit price %s', (price) => {
    const { engine, id } = setup();
    expectEngineError(
      () => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01, price: price as number }),
      'invalid_price',
    );
  });

  it('snaps on-grid prices with float noise', () => {
    const { engine, id } = setup();
    const { order } = engine.placeOrder(id, { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.001, price: 1000.1 + 0.2 });
    expect(order.price).toBe(1000.3);
  });

  it('market orders take no price', () => {
    const { engine, id } = setup();
    const e = expectEngineError(
      () => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: 50_000 }),
      'invalid_price',
    );
    expect(e.message).toMatch(/market orders take no price/i);
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: null }).order.status).toBe('filled');
  });

  it.each(['', 'x'.repeat(65), 'has space', 'émoji', 7])('rejects clientOrderId %s', (clientOrderId) => {
    const { engine, id } = setup();
    expectEngineError(
      () => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, clientOrderId: clientOrderId as string }),
      'invalid_client_order_id',
    );
  });

  it('accepts the full clientOrderId alphabet up to 64 chars', () => {
    const { engine, id } = setup();
    const clientOrderId = `Az09._:-${'x'.repeat(56)}`;
    expect(engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, clientOrderId }).order.clientOrderId).toBe(clientOrderId);
  });

  it('rejects unknown side/type as invalid_request and unknown agents as agent_not_found', () => {
    const { engine, id } = setup();
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'hold' as never, type: 'market', quantity: 1 }), 'invalid_request');
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'stop' as never, quantity: 1 }), 'invalid_request');
    expect(expectEngineError(() => engine.portfolio('agent_nope'), 'agent_not_found').status).toBe(404);
  });

  it('failed placements leave state untouched', () => {
    const { engine, id } = setup();
    const before = engine.snapshot();
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'market', quantity: 5 }), 'insufficient_funds');
    expectEngineError(() => engine.placeOrder(id, { symbol: 'BTC', side: 'sell', type: 'market', quantity: 1 }), 'insufficient_position');
    expect(engine.snapshot()).toEqual(before);
  });
});

describe('EngineError', () => {
  it('maps codes to HTTP statuses', () => {
    expect(ENGINE_ERROR_STATUS).toMatchObject({
      unknown_symbol: 400,
      invalid_quantity: 400,
      invalid_price: 400,
      invalid_limit: 400,
      invalid_client_order_id: 400,
      invalid_cursor: 400,
      insufficient_funds: 422,
      insufficient_position: 422,
      position_limit_exceeded: 403,
      daily_loss_limit_reached: 403,
      idempotency_conflict: 409,
      order_not_modifiable: 409,
      order_not_found: 404,
      agent_not_found: 404,
    });
    const e = new EngineError('insufficient_funds', 'm', { required: 1 });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.status, e.details]).toEqual(['EngineError', 422, { required: 1 }]);
  });
});
