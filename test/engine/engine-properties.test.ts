// Property tests over random sequences of place/modify/cancel/clock-advance/price-change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError, type EngineEvent, type EngineSnapshot } from '../../src/mock/engine/index.js';
import { makeHarness } from './helpers/make-engine.js';

const SYMBOLS = ['BTC', 'ETH', 'DOGE'] as const;
const LOT: Record<string, number> = { BTC: 0.0001, ETH: 0.001, DOGE: 1 };
const TICK: Record<string, number> = { BTC: 0.01, ETH: 0.01, DOGE: 0.00001 };

type Cmd =
  | { k: 'place'; agent: number; symbol: number; side: 'buy' | 'sell'; type: 'market' | 'limit'; lots: number; offset: number; cid: number | null }
  | { k: 'modify'; agent: number; pick: number; lots: number | null; offset: number | null }
  | { k: 'cancel'; agent: number; pick: number }
  | { k: 'advance'; ms: number }
  | { k: 'price'; symbol: number; pct: number; lag: number }
  | { k: 'settle' };

const agentArb = fc.integer({ min: 0, max: 2 });
// Mostly affordable sizes, sometimes big ones that walk several levels or exhaust the book.
const lotsArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 4_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 4_000, max: 80_000 }) });
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('place' as const),
      agent: agentArb,
      symbol: fc.integer({ min: 0, max: 2 }),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('market' as const, 'limit' as const),
      lots: lotsArb,
      offset: fc.integer({ min: -40, max: 40 }),
      cid: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('modify' as const),
      agent: agentArb,
      pick: fc.nat(),
      lots: fc.option(lotsArb, { nil: null }),
      offset: fc.option(fc.integer({ min: -40, max: 40 }), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), agent: agentArb, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 8 * 3_600_000 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('price' as const),
      symbol: fc.integer({ min: 0, max: 2 }),
      pct: fc.integer({ min: -150, max: 150 }),
      lag: fc.integer({ min: 0, max: 3_600_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'settle' as const }) },
);

interface RunResult {
  snapshot: EngineSnapshot;
  events: EngineEvent[];
}

function run(cmds: Cmd[], seed: number, allowShort: boolean, check: boolean): RunResult {
  const h = makeHarness({ seed, allowShort, startingCash: 1_000_000 });
  const agents = [h.agent(), h.agent({ dailyLossLimit: 300, maxPositionSize: 80_000 }), h.agent({ maxPositionSize: 30_000 })];
  const orderIds: string[][] = [[], [], []];
  const lastPrice: Record<string, number> = { BTC: 50_000, ETH: 3_000, DOGE: 0.1 };

  const limitPrice = (symbol: string, offset: number) => {
    const tick = TICK[symbol] as number;
    return Math.max(tick, Math.round(((lastPrice[symbol] as number) * (1 + offset / 1000)) / tick) * tick);
  };

  for (const cmd of cmds) {
    if (cmd.k === 'advance') {
      h.clock.advance(cmd.ms);
      continue;
    }
    if (cmd.k === 'price') {
      const symbol = SYMBOLS[cmd.symbol] as string;
      const next = Math.max(TICK[symbol] as number, Math.round(((lastPrice[symbol] as number) * (1 + cmd.pct / 1000)) / (TICK[symbol] as number)) * (TICK[symbol] as number));
      lastPrice[symbol] = Number(next.toFixed(5));
      h.market.set(symbol, lastPrice[symbol] as number, h.clock.now() - cmd.lag); // may land inside the unsettled window
      continue;
    }
    if (cmd.k === 'settle') {
      h.engine.settle();
      continue;
    }
    h.engine.settle();
    const before = check ? h.engine.snapshot() : null;
    try {
      const agentId = agents[cmd.agent] as string;
      const mine = orderIds[cmd.agent] as string[];
      if (cmd.k === 'place') {
        const symbol = SYMBOLS[cmd.symbol] as string;
        const quantity = Number((cmd.lots * (LOT[symbol] as number) * (symbol === 'DOGE' ? 10 : 1)).toFixed(6));
        const { order } = h.engine.placeOrder(agentId, {
          symbol,
          side: cmd.side,
          type: cmd.type,
          quantity,
          price: cmd.type === 'limit' ? limitPrice(symbol, cmd.offset) : null,
          clientOrderId: cmd.cid === null ? null : `cid-${cmd.cid}`,
        });
        if (!mine.includes(order.orderId)) mine.push(order.orderId);
      } else if (mine.length > 0) {
        const orderId = mine[cmd.pick % mine.length] as string;
        if (cmd.k === 'cancel') h.engine.cancelOrder(agentId, orderId);
        else {
          const symbol = h.engine.getOrder(agentId, orderId).symbol;
          h.engine.modifyOrder(agentId, orderId, {
            quantity: cmd.lots === null ? null : Number((cmd.lots * (LOT[symbol] as number) * (symbol === 'DOGE' ? 10 : 1)).toFixed(6)),
            price: cmd.offset === null ? null : limitPrice(symbol, cmd.offset),
          });
        }
      }
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      if (before) expect(h.engine.snapshot()).toEqual(before);
    }
    if (check) checkInvariants(h, agents, allowShort);
  }
  h.engine.settle();
  if (check) checkInvariants(h, agents, allowShort);
  return { snapshot: h.engine.snapshot(), events: h.events };
}

/**
 * The accounting invariants after a step. Broken ones are collected and asserted once: an expect()
 * per value, after every step of every run, was most of this file's time.
 */
function checkInvariants(h: ReturnType<typeof makeHarness>, agents: string[], allowShort: boolean): void {
  const broken: string[] = [];
  const check = (ok: boolean, what: string): void => void (ok || broken.push(what));
  const snap = h.engine.snapshot();
  for (const order of snap.orders) {
    const sum = order.fills.reduce((s, f) => s + f.quantity, 0);
    check(Math.abs(sum - order.filledQuantity) < 1e-9, `${order.orderId}: fills sum to ${sum}, filledQuantity ${order.filledQuantity}`);
    check(order.filledQuantity <= order.quantity + 1e-12, `${order.orderId}: filled ${order.filledQuantity} of ${order.quantity}`);
    const open = order.status === 'open' || order.status === 'partially_filled';
    if (!open) check(order.reserved === 0, `${order.orderId} (${order.status}) still reserves ${order.reserved}`);
  }
  const openOrders = snap.orders.filter((o) => o.status === 'open' || o.status === 'partially_filled');
  expect(snap.resting.map((r) => r.orderId).sort()).toEqual(openOrders.map((o) => o.orderId).sort());
  for (const agentId of agents) {
    const p = h.engine.portfolio(agentId);
    const after = h.engine.snapshot();
    const account = after.accounts.find((a) => a.agentId === agentId);
    const mine = after.orders.filter((o) => o.agentId === agentId && (o.status === 'open' || o.status === 'partially_filled'));
    const reserved = mine.filter((o) => o.side === 'buy').reduce((s, o) => s + o.reserved, 0);
    check(Math.abs(p.reservedCash - reserved) < 1e-6, `${agentId}: reservedCash ${p.reservedCash}, open buys reserve ${reserved}`);
    const marks = p.positions.reduce((s, x) => s + x.quantity * x.marketPrice, 0);
    check(Math.abs(p.totalValue - (p.cash + marks)) < 1e-6, `${agentId}: totalValue ${p.totalValue} ≠ cash ${p.cash} + marks ${marks}`);
    check(Math.abs(p.availableCash - (p.cash - p.reservedCash)) < 1e-6, `${agentId}: availableCash ${p.availableCash} ≠ cash − reserved`);
    for (const side of ['buy', 'sell'] as const) {
      const bySymbol: Record<string, number> = {};
      for (const o of mine.filter((x) => x.side === side)) bySymbol[o.symbol] = (bySymbol[o.symbol] ?? 0) + (o.quantity - o.filledQuantity);
      const tracked = side === 'buy' ? account?.openBuyQty : account?.openSellQty;
      for (const symbol of SYMBOLS) {
        const [t, o] = [tracked?.[symbol] ?? 0, bySymbol[symbol] ?? 0];
        check(Math.abs(t - o) < 1e-9, `${agentId}: tracked open ${side} ${symbol} ${t}, open orders ${o}`);
      }
    }
    if (!allowShort) {
      check(p.cash >= 0, `${agentId}: cash ${p.cash} < 0`);
      check(p.availableCash >= 0, `${agentId}: availableCash ${p.availableCash} < 0`);
      for (const x of p.positions) check(x.quantity > 0, `${agentId}: ${x.symbol} position ${x.quantity} (no shorting)`);
    }
    for (const x of p.positions) check(x.quantity !== 0, `${agentId}: a ${x.symbol} position of 0 is listed`);
  }
  expect(broken).toEqual([]);
}

describe('engine properties', () => {
  it('keeps the accounting invariants and leaves state untouched on failures (no shorting)', () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 10, maxLength: 80 }), fc.integer({ min: 1, max: 1000 }), (cmds, seed) => {
        run(cmds, seed, false, true);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the accounting invariants with shorting allowed', () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 10, maxLength: 80 }), fc.integer({ min: 1, max: 1000 }), (cmds, seed) => {
        run(cmds, seed, true, true);
      }),
      { numRuns: 60 },
    );
  });

  it('same seed + same sequence → deep-equal snapshots and events', () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 10, maxLength: 80 }), fc.integer({ min: 1, max: 1000 }), (cmds, seed) => {
        const a = run(cmds, seed, false, false);
        const b = run(cmds, seed, false, false);
        expect(JSON.parse(JSON.stringify(a.snapshot))).toEqual(a.snapshot); // plain JSON
        expect(b.snapshot).toEqual(a.snapshot);
        expect(b.events).toEqual(a.events);
      }),
      { numRuns: 60 },
    );
  });
});
