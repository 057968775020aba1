// stateBuilder() and startTestMock({ state }): a typed fixture for a test's starting state, the
// agents it names ready with signing clients, reset() back to that state, and impossible states
// refused by build() with the pointer and the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock, stateBuilder, StateFixtureError, type TestMock } from '../../src/testing/index.js';

/** The example: an agent holding 0.5 BTC whose daily-loss breaker tripped an hour ago. */
const holderState = () =>
  stateBuilder({ clock: '2026-01-05T12:00:00Z' })
    .agent('holder', { mode: 'live', dailyLossLimit: 1000, cash: 70_000 }, (a) =>
      a
        .bought('BTC', 0.5, { price: 60_000, at: '2026-01-05T09:00:00Z' })
        .position('BTC', 0.5)
        .resting({ symbol: 'BTC', side: 'sell', quantity: 0.2, price: 70_000, clientOrderId: 'take-profit' })
        .breakerTripped('2026-01-05T11:00:00Z'),
    )
    .agent('watcher', {}, (a) => a.resting({ symbol: 'ETH', side: 'buy', quantity: 1, price: 2_500 }))
    .pin('BTC', 58_000, { from: '2026-01-05T11:00:00Z' })
    .build();

function buildError(build: () => unknown): StateFixtureError {
  try {
    build();
  } catch (error) {
    if (error instanceof StateFixtureError) return error;
    throw error;
  }
  throw new Error('build() accepted an impossible state');
}

describe('startTestMock({ state }) with a built fixture', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await startTestMock({ state: holderState() });
  });
  afterAll(() => mock.close());

  it('starts in the state it describes, with the named agents ready to sign', async () => {
    const portfolio = (await mock.agents.holder!.client.portfolio()).json?.data;
    expect(portfolio).toMatchObject({ cash: 70_000, positions: [{ symbol: 'BTC', quantity: 0.5, avgPrice: 60_000, marketPrice: 58_000 }] });
    expect(portfolio?.breakers.dailyLoss).toMatchObject({ tripped: true, trippedAt: '2026-01-05T11:00:00.000Z' });
    const open = (await mock.agents.watcher!.client.listOrders({ status: 'open' })).json?.data;
    expect(open).toMatchObject([{ symbol: 'ETH', side: 'buy', price: 2_500 }]);
    expect(mock.agent.apiKey).toMatch(/^nx_test_demo/); // the demo agents are there as well
  });

  it('behaves like that state: new risk refused, the take-profit retry replays, reset() returns to the fixture', async () => {
    const holder = mock.agents.holder!.client;
    expect((await holder.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01 })).json).toMatchObject({ code: 'daily_loss_limit_reached' });
    const retry = await holder.placeOrder({ symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.2, price: 70_000, clientOrderId: 'take-profit' });
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect((await holder.placeOrder({ symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.1 })).status).toBe(201);
    await mock.reset();
    expect((await mock.agents.holder!.client.portfolio()).json?.data.positions).toMatchObject([{ symbol: 'BTC', quantity: 0.5 }]);
  });

  it('the builder gives the same keys run after run (derived from the seed and the name)', () => {
    const again = holderState();
    expect(again.agents?.map((a) => a.apiKey)).toEqual([mock.agents.holder!.apiKey, mock.agents.watcher!.apiKey]);
  });
});

describe('stateBuilder().build() refuses impossible states', () => {
  it('a position without the fills that made it', () => {
    const error = buildError(() => stateBuilder().agent('a', {}, (a) => a.position('BTC', 0.5)).build());
    expect(error.problems).toContainEqual({ pointer: '/agents/0/positions/0/quantity', message: expect.stringMatching(/a position of 0.5 BTC needs the filled orders that made it/) });
  });

  it('selling what was never bought, and a tripped breaker without a limit', () => {
    const error = buildError(() =>
      stateBuilder()
        .agent('a', {}, (a) => a.sold('ETH', 1, { price: 3_000 }).breakerTripped())
        .build(),
    );
    expect(error.problems.map((p) => p.pointer)).toEqual(['/agents/0/orders/0/fills/0', '/agents/0/breaker']);
    expect(error.message).toMatch(/short selling is off/);
  });

  it('cash that does not pay for the fills', () => {
    const error = buildError(() => stateBuilder().agent('a', { startingCash: 1_000 }, (a) => a.bought('BTC', 1, { price: 60_000 })).build());
    expect(error.problems[0]?.message).toMatch(/takes the cash below 0/);
  });

  it('a fill after the clock', () => {
    const error = buildError(() => stateBuilder({ clock: '2026-01-05T12:00:00Z' }).agent('a', {}, (a) => a.bought('BTC', 0.1, { price: 60_000, at: '2026-01-05T13:00:00Z' })).build());
    expect(error.problems).toContainEqual({ pointer: '/agents/0/orders/0/fills/0/timestamp', message: "a fill cannot be after the mock's clock" });
  });

  it('two agents with one name is a programming error, reported at once', () => {
    expect(() => stateBuilder().agent('twin').agent('twin')).toThrow(/already an agent named "twin"/);
  });
});

describe('the example of docs/state.md', () => {
  it('builds, and the mock starts from it with the position the fills make', async () => {
    const state = stateBuilder({ clock: '2026-01-05T12:00:00Z' })
      .agent('holder', { mode: 'live', dailyLossLimit: 1000, cash: 70_000 }, (a) =>
        a
          .bought('BTC', 0.5, { price: 60_000, at: '2026-01-05T09:00:00Z' })
          .sold('BTC', 0.1, { price: 61_000 })
          .position('BTC', 0.4)
          .resting({ symbol: 'BTC', side: 'sell', quantity: 0.2, price: 70_000, clientOrderId: 'tp' })
          .breakerTripped('2026-01-05T11:00:00Z')
          .webhook({ url: 'http://127.0.0.1:9999/hooks', events: ['order.filled'] }),
      )
      .agent('watcher')
      .pin('BTC', 58_000, { from: '2026-01-05T11:00:00Z' })
      .build();
    const mock = await startTestMock({ state });
    try {
      const portfolio = (await mock.agents.holder!.client.portfolio()).json?.data;
      expect(portfolio).toMatchObject({ cash: 70_000, positions: [{ symbol: 'BTC', quantity: 0.4 }] });
      expect((await mock.agents.holder!.client.listWebhooks()).json?.data).toMatchObject([{ url: 'http://127.0.0.1:9999/hooks' }]);
      expect((await mock.agents.watcher!.client.me()).json?.agent.permissions).toHaveLength(6);
    } finally {
      await mock.close();
    }
  });
});
