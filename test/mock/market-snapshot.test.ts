// GET /market is answered from kept snapshots (src/mock/http/handlers/market-snapshot.ts). They
// must be byte-identical to a body built afresh, whatever the clock, the overrides, resets and
// state imports did in between; and a source that cannot say when it changed is never kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COINS } from '../../src/mock/engine/market/index.js';
import type { MarketSource, Ticker } from '../../src/mock/engine/types.js';
import { getMarket, resolveCoins } from '../../src/mock/http/handlers/market.js';
import { buildMarketBody, marketBody } from '../../src/mock/http/handlers/market-snapshot.js';
import { createMockContext, type MockContext } from '../../src/mock/http/mock-context.js';
import { jsonText } from '../../src/mock/http/serialized-body.js';
import { applyState, captureState, type MockState } from '../../src/mock/state/mock-state.js';
import { registerFull, shiftPrice, T0_MS, tradingMock } from './trading-support.js';

const YEAR = 365 * 86_400_000;
const names = DEFAULT_COINS.flatMap((c) => [c.symbol, c.id, c.symbol.toLowerCase()]);
const anyList = fc.option(fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 5 }).map((l) => l.join(',')), { nil: undefined });
const anyCoin = fc.constantFrom(...DEFAULT_COINS.map((c) => c.symbol));

type Op =
  | { kind: 'read'; list: string | undefined }
  | { kind: 'set'; t: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'pin'; coin: string; factor: number }
  | { kind: 'shift'; coin: string; percent: number }
  | { kind: 'clear'; coin: string | undefined }
  | { kind: 'reset' }
  | { kind: 'save' }
  | { kind: 'restore' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: anyList.map((list) => ({ kind: 'read' as const, list })) },
  fc.integer({ min: T0_MS - 2 * YEAR, max: T0_MS + 2 * YEAR }).map((t) => ({ kind: 'set' as const, t })),
  // 0 keeps the clock where it is: the next read must be a hit, and still right.
  fc.integer({ min: 0, max: 90_000 }).map((ms) => ({ kind: 'advance' as const, ms })),
  fc.record({ kind: fc.constant('pin' as const), coin: anyCoin, factor: fc.double({ min: 0.5, max: 2, noNaN: true }) }),
  fc.record({ kind: fc.constant('shift' as const), coin: anyCoin, percent: fc.double({ min: -50, max: 50, noNaN: true }) }),
  fc.option(anyCoin, { nil: undefined }).map((coin) => ({ kind: 'clear' as const, coin })),
  fc.constant({ kind: 'reset' as const }),
  fc.constant({ kind: 'save' as const }),
  fc.constant({ kind: 'restore' as const }),
);

/** The body built afresh from the market, serialised as respond() did before snapshots. */
const freshText = (ctx: MockContext, list: string | undefined): string => JSON.stringify(buildMarketBody(ctx.market, resolveCoins(ctx, list), ctx.clock.now()));

const handlerText = (ctx: MockContext, list: string | undefined): string =>
  jsonText(getMarket(ctx, { agent: undefined as never, params: {}, query: { coins: list }, body: undefined as never }).body);

describe('GET /market snapshots', () => {
  it('answer byte for byte what a fresh body says, over random clocks, overrides, resets and state imports', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        const ctx = createMockContext({ clock: `virtual:${new Date(T0_MS).toISOString()}`, demoAgents: false });
        let saved: MockState | undefined;
        for (const o of ops) {
          const now = ctx.clock.now();
          if (o.kind === 'read') expect(handlerText(ctx, o.list)).toBe(freshText(ctx, o.list));
          else if (o.kind === 'set') ctx.clock.set(o.t);
          else if (o.kind === 'advance') ctx.clock.advance(o.ms);
          else if (o.kind === 'pin') ctx.market.pin(o.coin, ctx.market.price(o.coin, now) * o.factor, now);
          else if (o.kind === 'shift') ctx.market.shift(o.coin, o.percent, now);
          else if (o.kind === 'clear') ctx.market.clearOverrides(o.coin);
          else if (o.kind === 'reset') ctx.reset();
          else if (o.kind === 'save') saved = captureState(ctx);
          else if (saved) applyState(ctx, saved);
        }
        // Whatever happened last, the answer now is the fresh one.
        expect(handlerText(ctx, undefined)).toBe(freshText(ctx, undefined));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps one body per clock, coin list and revision: a repeat is the same object', () => {
    const ctx = createMockContext({ clock: `virtual:${new Date(T0_MS).toISOString()}`, demoAgents: false });
    const read = (list?: string) => marketBody(ctx.market, list, ctx.clock.now(), () => resolveCoins(ctx, list));
    const first = read();
    expect(read()).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.data) && Object.isFrozen(first.data[0])).toBe(true);
    expect(read('BTC,ETH')).not.toBe(first);
    ctx.market.shift('BTC', 1, ctx.clock.now());
    const shifted = read();
    expect(shifted).not.toBe(first);
    expect(shifted.data.find((t) => t.symbol === 'BTC')?.price).not.toBe(first.data.find((t) => t.symbol === 'BTC')?.price);
    ctx.clock.advance(1);
    expect(read()).not.toBe(shifted);
  });

  it('never keeps the answers of a source without a revision (it may change at any time)', () => {
    const model = createMockContext({ demoAgents: false }).market;
    let bump = 0;
    // A user's source that changes its prices while the clock stands still.
    const live: MarketSource = {
      coins: () => model.coins(),
      coin: (s) => model.coin(s),
      price: (s, t) => model.price(s, t) + bump,
      ticker: (s, t): Ticker => ({ ...model.ticker(s, t), price: model.price(s, t) + bump }),
      candles: (...a) => model.candles(...a),
      book: (...a) => model.book(...a),
      range: (...a) => model.range(...a),
    };
    const ctx = createMockContext({ clock: 'fixed:2026-01-05T12:00:00Z', market: live, demoAgents: false });
    const before = handlerText(ctx, 'BTC');
    bump = 1_000;
    const after = handlerText(ctx, 'BTC');
    expect(after).not.toBe(before);
    expect(after).toBe(freshText(ctx, 'BTC'));
  });

  it('over HTTP: the same bytes as a fresh body, and an override shows at once on a standing clock', async () => {
    const m = tradingMock();
    const agent = await registerFull(m);
    const get = async () => (await m.call('GET', '/market', { as: agent })).text;
    const before = await get();
    expect(before).toBe(freshText(m.ctx, undefined));
    expect(await get()).toBe(before);
    await shiftPrice(m, 'ETH', 5);
    const after = await get();
    expect(after).not.toBe(before);
    expect(after).toBe(freshText(m.ctx, undefined));
  });
});
