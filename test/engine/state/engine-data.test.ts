// The engine's export/import seam and its change journal:
//  - every delta an operation hands the listener, applied to a copy of the last export, gives
//    exactly the next export (so a write-ahead store that saves deltas loses nothing);
//  - an engine that imports another's export behaves exactly like it from then on;
//  - malformed data is refused with paths, and the running state is left alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/mock/engine/engine.js';
import { EngineDataError, EngineError, type EngineData, type EngineDelta } from '../../../src/mock/engine/index.js';
import { createRng } from '../../../src/mock/engine/random.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeMarket } from '../helpers/fake-market.js';

const SYMBOLS = ['BTC', 'ETH'] as const;
const LOT = { BTC: 0.0001, ETH: 0.001 } as const;
const TICK = 0.01;

type Cmd =
  | { k: 'register'; live: boolean; limit: number | null }
  | { k: 'place'; agent: number; symbol: 0 | 1; side: 'buy' | 'sell'; type: 'market' | 'limit'; lots: number; offset: number; cid: number | null }
  | { k: 'modify'; agent: number; pick: number; lots: number | null; offset: number | null }
  | { k: 'cancel'; agent: number; pick: number }
  | { k: 'advance'; ms: number }
  | { k: 'price'; symbol: 0 | 1; pct: number };

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ k: fc.constant('register' as const), live: fc.boolean(), limit: fc.option(fc.integer({ min: 50, max: 2_000 }), { nil: null }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('place' as const),
      agent: fc.nat(5),
      symbol: fc.constantFrom(0 as const, 1 as const),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('market' as const, 'limit' as const),
      // Mostly small; sometimes more than the book holds, so market orders expire part-filled.
      lots: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 3_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 3_000, max: 80_000 }) }),
      offset: fc.integer({ min: -30, max: 30 }),
      cid: fc.option(fc.nat(3), { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('modify' as const), agent: fc.nat(5), pick: fc.nat(), lots: fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: null }), offset: fc.option(fc.integer({ min: -30, max: 30 }), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), agent: fc.nat(5), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20 * 3_600_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('price' as const), symbol: fc.constantFrom(0 as const, 1 as const), pct: fc.integer({ min: -120, max: 120 }) }) },
);

/** An engine on a fake clock and market, with the ids it handed out, driven by commands. */
function makeDriver(seed: number) {
  const clock = new FakeClock();
  const market = new FakeMarket(clock);
  // Secrets are random in the mock (not engine state); a counter the copy can continue stands in.
  const secrets = { n: 0 };
  const engine = createEngine({ clock, market, rng: createRng(`${seed}:engine`), secretSource: () => `secret-${++secrets.n}` });
  const events: unknown[] = [];
  engine.onEvent((e) => events.push(e));
  return { engine, clock, market, events, secrets, agents: [] as string[], orders: [] as string[][], prices: { BTC: 50_000, ETH: 3_000 } as Record<string, number> };
}
type Driver = ReturnType<typeof makeDriver>;

/** Applies one command; returns what the engine answered (or the error code) for comparisons. */
function apply(d: Driver, cmd: Cmd): unknown {
  const symbolOf = (i: 0 | 1) => SYMBOLS[i];
  const priceAt = (symbol: string, offset: number) => Number((Math.round(((d.prices[symbol] as number) * (1 + offset / 1000)) / TICK) * TICK).toFixed(2));
  try {
    if (cmd.k === 'register') {
      const { agent } = d.engine.registerAgent({ name: `bot ${d.agents.length}`, permissions: ['write:orders'], mode: cmd.live ? 'live' : 'sandbox', dailyLossLimit: cmd.limit });
      d.agents.push(agent.agentId);
      d.orders.push([]);
      return agent;
    }
    if (cmd.k === 'advance') {
      d.clock.advance(cmd.ms);
      d.engine.settle();
      return d.clock.now();
    }
    if (cmd.k === 'price') {
      const symbol = symbolOf(cmd.symbol);
      d.prices[symbol] = Number((Math.round(((d.prices[symbol] as number) * (1 + cmd.pct / 1000)) / TICK) * TICK).toFixed(2));
      d.market.set(symbol, d.prices[symbol] as number);
      return d.prices[symbol];
    }
    if (d.agents.length === 0) return 'no agents';
    const i = cmd.agent % d.agents.length;
    const agentId = d.agents[i] as string;
    const mine = d.orders[i] as string[];
    if (cmd.k === 'place') {
      const symbol = symbolOf(cmd.symbol);
      const quantity = Number((cmd.lots * LOT[symbol]).toFixed(6));
      const price = cmd.type === 'limit' ? priceAt(symbol, cmd.offset) : null;
      const result = d.engine.placeOrder(agentId, { symbol, side: cmd.side, type: cmd.type, quantity, price, clientOrderId: cmd.cid === null ? null : `c${cmd.cid}` });
      if (!mine.includes(result.order.orderId)) mine.push(result.order.orderId);
      return result;
    }
    if (mine.length === 0) return d.engine.portfolio(agentId);
    const orderId = mine[cmd.pick % mine.length] as string;
    if (cmd.k === 'cancel') return d.engine.cancelOrder(agentId, orderId);
    const order = d.engine.getOrder(agentId, orderId);
    const lot = LOT[order.symbol as keyof typeof LOT];
    return d.engine.modifyOrder(agentId, orderId, {
      quantity: cmd.lots === null ? null : Number((cmd.lots * lot).toFixed(6)),
      price: cmd.offset === null ? null : priceAt(order.symbol, cmd.offset),
    });
  } catch (error) {
    if (error instanceof EngineError) return `error ${error.code}`;
    throw error;
  }
}

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Applies a delta to a copy of an export the way a document store would: upsert by id. */
function applyDelta(data: EngineData, delta: EngineDelta): EngineData {
  const agents = new Map(data.agents.map((a) => [a.agent.agentId, a]));
  for (const a of delta.agents) agents.set(a.agent.agentId, a);
  const orders = new Map(data.orders.map((o) => [o.orderId, o]));
  for (const o of delta.orders) orders.set(o.orderId, o);
  return { nextSeq: delta.nextSeq, lastSettledAt: delta.lastSettledAt, rng: delta.rng, agents: [...agents.values()], orders: [...orders.values()].sort((x, y) => x.seq - y.seq) };
}

const cmdsArb = fc.array(cmdArb, { minLength: 5, maxLength: 60 }).map((cmds) => [{ k: 'register', live: false, limit: 500 } as Cmd, ...cmds]);

describe('engine change journal', () => {
  it('deltas applied to the last export always give the next export: nothing an operation changes is missed', () => {
    fc.assert(
      fc.property(cmdsArb, fc.nat(1000), (cmds, seed) => {
        const d = makeDriver(seed);
        let replica = plain(d.engine.exportData());
        const deltas: EngineDelta[] = [];
        d.engine.onChange((delta) => deltas.push(plain(delta)));
        for (const cmd of cmds) {
          apply(d, cmd);
          for (const delta of deltas.splice(0)) replica = applyDelta(replica, delta);
          expect(replica).toEqual(plain(d.engine.exportData()));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('hands the listener the delta after the events and before the operation returns', () => {
    const d = makeDriver(1);
    const seen: string[] = [];
    d.engine.onEvent((e) => seen.push(`event ${e.type}`));
    d.engine.onChange((delta) => seen.push(`delta ${delta.orders.length} order(s), ${delta.agents.length} agent(s)`));
    apply(d, { k: 'register', live: false, limit: null });
    const result = apply(d, { k: 'place', agent: 0, symbol: 0, side: 'buy', type: 'market', lots: 10, offset: 0, cid: null });
    seen.push('returned');
    expect((result as { order: { status: string } }).order.status).toBe('filled');
    expect(seen).toEqual(['delta 0 order(s), 1 agent(s)', 'event order.created', 'event order.filled', 'delta 1 order(s), 1 agent(s)', 'returned']);
  });

  it('a market order that expires without a fill (empty book) is in the delta too', () => {
    const d = makeDriver(1);
    apply(d, { k: 'register', live: false, limit: null });
    const deltas: EngineDelta[] = [];
    d.engine.onChange((delta) => deltas.push(plain(delta)));
    d.market.shapes.BTC = { ...d.market.shapes.BTC!, levels: 0 };
    const result = apply(d, { k: 'place', agent: 0, symbol: 0, side: 'buy', type: 'market', lots: 10, offset: 0, cid: 1 }) as { order: { orderId: string; status: string; fills: unknown[] } };
    expect([result.order.status, result.order.fills]).toEqual(['expired', []]);
    expect(deltas.flatMap((x) => x.orders.map((o) => [o.orderId, o.status]))).toEqual([[result.order.orderId, 'expired']]);
  });

  it('a refused operation that changed nothing hands over no delta; unsubscribing stops the deltas', () => {
    const d = makeDriver(1);
    const deltas: EngineDelta[] = [];
    const stop = d.engine.onChange((delta) => deltas.push(delta));
    apply(d, { k: 'register', live: false, limit: null });
    deltas.length = 0;
    expect(apply(d, { k: 'place', agent: 0, symbol: 0, side: 'sell', type: 'market', lots: 10, offset: 0, cid: null })).toBe('error insufficient_position');
    expect(deltas).toEqual([]);
    stop();
    apply(d, { k: 'place', agent: 0, symbol: 0, side: 'buy', type: 'market', lots: 10, offset: 0, cid: null });
    expect(deltas).toEqual([]);
  });
});

describe('engine export and import', () => {
  it('an engine that imports an export answers every later command exactly like the original', () => {
    fc.assert(
      fc.property(cmdsArb, cmdsArb, fc.nat(1000), (before, after, seed) => {
        const original = makeDriver(seed);
        for (const cmd of before) apply(original, cmd);
        const copy = makeDriver(seed + 1); // another seed: the generator's position must come from the export
        copy.clock.set(original.clock.now());
        for (const symbol of SYMBOLS) {
          copy.prices[symbol] = original.prices[symbol] as number;
          copy.market.set(symbol, original.prices[symbol] as number, -1e15);
        }
        copy.engine.importData(plain(original.engine.exportData()));
        copy.agents = [...original.agents];
        copy.secrets.n = original.secrets.n;
        copy.orders = original.orders.map((o) => [...o]);
        original.events.length = 0;
        for (const cmd of after) expect(plain(apply(copy, cmd))).toEqual(plain(apply(original, cmd)));
        expect(plain(copy.engine.exportData())).toEqual(plain(original.engine.exportData()));
        expect(plain(copy.events)).toEqual(plain(original.events));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses malformed data with the path of each problem and keeps the running state', () => {
    const d = makeDriver(3);
    apply(d, { k: 'register', live: false, limit: null });
    apply(d, { k: 'place', agent: 0, symbol: 0, side: 'buy', type: 'limit', lots: 10, offset: -20, cid: null });
    const good = plain(d.engine.exportData());
    const before = plain(d.engine.exportData());
    const bad: EngineData = plain(good);
    bad.agents.push(plain(good.agents[0]!));
    bad.orders.push({ ...plain(good.orders[0]!), orderId: 'ord_x', agentId: 'agent_nobody', type: 'market', seq: good.nextSeq });
    let error: unknown;
    try {
      d.engine.importData(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineDataError);
    expect((error as EngineDataError).problems).toEqual([
      `/agents/1/agent/agentId ${good.agents[0]!.agent.agentId} appears twice`,
      '/agents/1/agent/apiKey is missing or appears twice',
      '/orders/1/seq must be a unique integer from 1 to nextSeq - 1',
      '/orders/1: only limit orders with a price can be open',
      '/orders/1/agentId agent_nobody is not an agent of this state',
    ]);
    expect(plain(d.engine.exportData())).toEqual(before);
  });

  it('rebuilds the indexes: the imported resting order fills when the price crosses it, and its clientOrderId replays', () => {
    const d = makeDriver(4);
    apply(d, { k: 'register', live: false, limit: null });
    const placed = apply(d, { k: 'place', agent: 0, symbol: 0, side: 'buy', type: 'limit', lots: 10, offset: -10, cid: 2 }) as { order: { orderId: string; price: number } };
    const copy = createEngine({ clock: d.clock, market: d.market, rng: createRng('other'), secretSource: () => 'unused' }) as Engine;
    copy.importData(plain(d.engine.exportData()));
    const agentId = d.agents[0] as string;
    const replay = copy.placeOrder(agentId, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: placed.order.price, clientOrderId: 'c2' });
    expect([replay.replayed, replay.order.orderId]).toEqual([true, placed.order.orderId]);
    d.market.set('BTC', placed.order.price - 1);
    d.clock.advance(60_000);
    expect(copy.getOrder(agentId, placed.order.orderId).status).toBe('filled');
  });
});
