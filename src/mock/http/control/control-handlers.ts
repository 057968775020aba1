// What each control operation does to the mock's state.
import type { OperationId as ControlOperationId } from '../../../generated/control/operations.js';
import { ClockNotControllableError, parseIsoInstant } from '../../engine/clock.js';
import type { FaultSpec } from '../faults.js';
import type { Handler, HandlerResult } from '../handlers/handler.js';
import type { MockContext } from '../mock-context.js';
import { HttpProblem } from '../problem.js';
import { iso } from '../serialize.js';
import { TOOL_VERSION } from '../../../version.js';

const VERSION = TOOL_VERSION;

function clockState(ctx: MockContext) {
  const now = ctx.clock.now();
  return { kind: ctx.clock.kind, now: iso(now), nowMs: now };
}

function priceState(ctx: MockContext, symbol: string): HandlerResult {
  const now = ctx.clock.now();
  return { status: 200, body: { symbol, price: ctx.market.price(symbol, now), at: iso(now) } };
}

function coinOr404(ctx: MockContext, name: unknown): string {
  const coin = ctx.market.coin(String(name));
  if (!coin) throw new HttpProblem('not_found', `No coin '${String(name)}'. Known: ${ctx.market.coins().map((c) => c.symbol).join(', ')}.`);
  return coin.symbol;
}

function exactlyOne(body: Record<string, unknown>, a: string, b: string): void {
  if ((body[a] === undefined) === (body[b] === undefined)) {
    throw new HttpProblem('validation_failed', `Send exactly one of '${a}' and '${b}'.`, {
      extras: { errors: [{ location: 'body', pointer: '', message: `exactly one of ${a}, ${b}`, code: 'exactly_one' }] },
    });
  }
}

export const controlHandlers: Record<ControlOperationId, Handler> = {
  getInfo: (ctx) => ({
    status: 200,
    body: {
      name: 'nx-conformance mock exchange',
      version: VERSION,
      seed: ctx.options.seed,
      clock: clockState(ctx),
      defects: [...ctx.defects],
      rateLimit: ctx.options.rateLimit,
      demoAgents: ctx.demoAgents.map((d) => ({ agentId: d.agentId, mode: d.mode, apiKey: d.apiKey })),
    },
  }),
  resetState: (ctx) => {
    ctx.reset();
    return { status: 204 };
  },
  getClock: (ctx) => ({ status: 200, body: clockState(ctx) }),
  moveClock: (ctx, input) => {
    const body = input.body as { set?: string; advanceMs?: number };
    exactlyOne(body, 'set', 'advanceMs');
    try {
      if (body.set !== undefined) ctx.clock.set(parseIsoInstant(body.set));
      else ctx.clock.advance(body.advanceMs ?? 0);
    } catch (error) {
      if (error instanceof ClockNotControllableError) throw new HttpProblem('validation_failed', error.message, { status: 409 });
      throw error;
    }
    ctx.engine.settle();
    return { status: 200, body: clockState(ctx) };
  },
  overridePrice: (ctx, input) => {
    const symbol = coinOr404(ctx, input.params.symbol);
    const body = input.body as { pin?: number; shiftPercent?: number };
    exactlyOne(body, 'pin', 'shiftPercent');
    // Settle first so resting orders see the old path up to now, and the new one after.
    ctx.engine.settle();
    const now = ctx.clock.now();
    if (body.pin !== undefined) ctx.market.pin(symbol, body.pin, now);
    else ctx.market.shift(symbol, body.shiftPercent ?? 0, now);
    return priceState(ctx, symbol);
  },
  clearPriceOverrides: (ctx, input) => {
    const symbol = coinOr404(ctx, input.params.symbol);
    ctx.engine.settle();
    ctx.market.clearOverrides(symbol);
    return priceState(ctx, symbol);
  },
  getJournal: (ctx, input) => {
    const q = input.query as { agentId?: string; path?: string; operationId?: string; sinceSeq?: number; limit?: number };
    return { status: 200, body: { data: ctx.journal.list(q), capacity: ctx.journal.capacity, size: ctx.journal.size } };
  },
  clearJournal: (ctx) => {
    ctx.journal.clear();
    return { status: 204 };
  },
  listFaults: (ctx) => ({ status: 200, body: { data: ctx.faults.list() } }),
  injectFault: (ctx, input) => {
    const spec = input.body as FaultSpec;
    ctx.log(`fault injected on ${spec.operationId}: ${spec.kind}`);
    return { status: 201, body: ctx.faults.add(spec) };
  },
  clearFaults: (ctx) => {
    ctx.faults.clear();
    return { status: 204 };
  },
};
