// Concurrency over real sockets (startMock): hundreds of orders in flight at once from one agent
// and from 50 agents, and racing clientOrderId retries (issued at once; they travel over at most
// MAX_CONNECTIONS connections, see support/sockets.ts). No overdraft, no position below zero, no
// lost or duplicated order, one order per clientOrderId.
import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { invariantProblems } from './support/invariants.js';
import { registerAgent, T0, type Credentials } from './support/mock.js';
import { allOrders, call, type Answer } from './support/sockets.js';

let mock: RunningMock | undefined;
afterEach(async () => {
  await mock?.close(1_000);
  mock = undefined;
});

async function start(startingCash: number): Promise<RunningMock> {
  mock = await startMock({ port: 0, clock: `virtual:${T0}`, rateLimit: 1_000_000, startingCash });
  return mock;
}

const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;
const orderIdOf = (a: Answer) => (a.json().order as { orderId: string }).orderId;

/** Every 201 orderId appears exactly once in the agent's list, and the list holds nothing else. */
async function expectOrdersAccountedFor(m: RunningMock, who: Credentials, answers: Answer[]): Promise<void> {
  const created = answers.filter((a) => a.status === 201).map(orderIdOf);
  expect(new Set(created).size, 'two 201s carried the same orderId').toBe(created.length);
  const listed = (await allOrders(m, who)).map((o) => o.orderId);
  expect(new Set(listed).size, 'the order list repeats an order').toBe(listed.length);
  expect([...listed].sort()).toEqual([...created].sort());
}

function expectSound(m: RunningMock): void {
  expect(invariantProblems(m.ctx)).toEqual([]);
  for (const account of m.ctx.engine.snapshot().accounts) {
    expect(account.cash).toBeGreaterThanOrEqual(0);
    expect(account.reservedCash).toBeLessThanOrEqual(account.cash + 1e-9);
    for (const p of account.positions) expect(p.quantity).toBeGreaterThan(0);
  }
}

describe('concurrent orders', () => {
  it('500 orders from one agent at once: no overdraft, no short position, none lost or doubled', async () => {
    // $20k buys about 210 market orders of 0.001 BTC; the rest must be refused, not overdrawn.
    const m = await start(20_000);
    const agent = registerAgent(m.ctx, 'sandbox');
    const buys = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        call(m, agent, 'POST', '/orders', i % 5 === 4
          ? { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: 80_000 } // rests, reserves cash
          : { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null }),
      ),
    );
    expect(count(buys, 201) + count(buys, 422), JSON.stringify(buys.find((a) => a.status !== 201 && a.status !== 422)?.text)).toBe(500);
    expect(count(buys, 201)).toBeGreaterThan(100);
    expect(count(buys, 422)).toBeGreaterThan(100);
    for (const a of buys.filter((x) => x.status === 422)) expect(a.json().code).toBe('insufficient_funds');
    expectSound(m);

    // Now sell more than is held, all at once: exactly what is held can be sold.
    const held = m.ctx.engine.portfolio(agent.agentId).positions.find((p) => p.symbol === 'BTC')?.quantity ?? 0;
    const sells = await Promise.all(
      Array.from({ length: 500 }, () => call(m, agent, 'POST', '/orders', { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.001, price: null })),
    );
    expect(count(sells, 201)).toBe(Math.round(held / 0.001));
    expect(count(sells, 422)).toBe(500 - Math.round(held / 0.001));
    expectSound(m);
    await expectOrdersAccountedFor(m, agent, [...buys, ...sells]);
    expect(m.ctx.engine.stats().orders).toBe(count(buys, 201) + count(sells, 201));
  });

  it('500 orders from 50 agents at once (live agents signed): every agent accounted for', async () => {
    const m = await start(2_000);
    const agents = Array.from({ length: 50 }, (_, i) => registerAgent(m.ctx, i % 2 === 0 ? 'sandbox' : 'live'));
    const answers = await Promise.all(
      agents.flatMap((agent, a) =>
        Array.from({ length: 10 }, (_, i) =>
          call(m, agent, 'POST', '/orders', (a + i) % 3 === 0
            ? { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.1, price: 3_000 }
            : { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.1, price: null },
          ).then((res) => ({ agent: a, res })),
        ),
      ),
    );
    const bad = answers.filter(({ res }) => res.status !== 201 && res.status !== 422);
    expect(bad.map(({ res }) => `${res.status} ${res.text}`)).toEqual([]);
    expectSound(m);
    for (const [a, agent] of agents.entries()) {
      await expectOrdersAccountedFor(m, agent, answers.filter((x) => x.agent === a).map((x) => x.res));
    }
  });
});

describe('clientOrderId under racing retries', () => {
  for (const mode of ['sandbox', 'live'] as const) {
    it(`20 identical requests at once make exactly one order (${mode})`, async () => {
      const m = await start(100_000);
      const agent = registerAgent(m.ctx, mode);
      const body = { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01, price: 90_000, clientOrderId: 'retry-me-1' };
      const answers = await Promise.all(Array.from({ length: 20 }, () => call(m, agent, 'POST', '/orders', body)));
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 201]);
      const ids = new Set(answers.map(orderIdOf));
      expect(ids.size).toBe(1);
      for (const a of answers.filter((x) => x.status === 200)) expect(a.headers.get('idempotent-replayed')).toBe('true');
      const listed = await allOrders(m, agent);
      expect(listed.filter((o) => o.clientOrderId === 'retry-me-1').map((o) => o.orderId)).toEqual([...ids]);
      expect(listed).toHaveLength(1);
      expectSound(m);

      // The same id with another body, raced against retries of the original: 409s, still one order.
      const mixed = await Promise.all(Array.from({ length: 20 }, (_, i) => call(m, agent, 'POST', '/orders', i % 2 ? body : { ...body, quantity: 0.02 })));
      expect(mixed.map((a) => a.status).sort()).toEqual([...Array(10).fill(200), ...Array(10).fill(409)]);
      expect(await allOrders(m, agent)).toHaveLength(1);
    });
  }
});
