// What each control operation does to the mock's state.
import type { operations as controlOperations, OperationId as ControlOperationId } from '../../../generated/control/operations.js';
import { operationList } from '../../../generated/operations.js';
import { ClockNotControllableError, ClockSpecError, MAX_CLOCK_MOVE_MS, parseIsoInstant } from '../../engine/clock.js';
import type { BodyIn, ParamsIn, QueryIn, SuccessIn } from '../../../rules/operation-types.js';
import { HttpProblem } from '../../../rules/problems.js';
import type { MockContext } from '../mock-context.js';
import { iso } from '../serialize.js';
import { messageView, RETRY_DELAYS_MS, webhookDeliveriesView } from '../../webhooks/index.js';
import { TOOL_VERSION } from '../../../version.js';
import { exportState, importState } from './state-handlers.js';

const VERSION = TOOL_VERSION;

export function clockState(ctx: MockContext) {
  const now = ctx.clock.now();
  return { kind: ctx.clock.kind, now: iso(now), nowMs: now };
}

function priceState(ctx: MockContext, symbol: string): { status: 200; body: { symbol: string; price: number; at: string } } {
  const now = ctx.clock.now();
  return { status: 200, body: { symbol, price: ctx.market.price(symbol, now), at: iso(now) } };
}

export function coinOr404(ctx: MockContext, name: string): string {
  const coin = ctx.market.coin(name);
  if (!coin) throw new HttpProblem('not_found', `No coin '${name}'. Known: ${ctx.market.coins().map((c) => c.symbol).join(', ')}.`);
  return coin.symbol;
}

function exactlyOne<T extends object>(body: T, a: keyof T & string, b: keyof T & string): void {
  if ((body[a] === undefined) === (body[b] === undefined)) {
    throw new HttpProblem('validation_failed', `Send exactly one of '${a}' and '${b}'.`, {
      extras: { errors: [{ location: 'body', pointer: '', message: `exactly one of ${a}, ${b}`, code: 'exactly_one' }] },
    });
  }
}

/** Webhook delivery logs for the control API; webhookDeliveriesView never includes the secret. */
function deliveryList(ctx: MockContext) {
  const data = ctx.webhooks.all().map((w) => webhookDeliveriesView(w, ctx.webhookDelivery.messages(w.id)));
  return { data, retryScheduleMs: [...RETRY_DELAYS_MS] };
}

/** `set` goes as far as advanceMs may (365 days), either way: farther, settling would take too long. */
function withinReach(ctx: MockContext, target: number, asSent: string): number {
  const now = ctx.clock.now();
  if (ctx.clock.kind !== 'virtual' || Math.abs(target - now) <= MAX_CLOCK_MOVE_MS) return target;
  const days = Math.round(Math.abs(target - now) / 86_400_000);
  const message =
    `'set' may move the clock at most 365 days from its current reading (${iso(now)}); ${JSON.stringify(asSent)} is ${days} days ${target > now ? 'ahead' : 'back'}. ` +
    'Move in steps of at most 365 days, or restart the mock with --clock virtual:<ISO> at the time you need';
  throw new HttpProblem('validation_failed', `${message}.`, { extras: { errors: [{ location: 'body', pointer: '/set', message, code: 'out_of_range' }] } });
}

type ControlOp<K extends ControlOperationId> = (typeof controlOperations)[K];

export interface ControlInput<K extends ControlOperationId> {
  params: ParamsIn<ControlOp<K>>;
  query: QueryIn<ControlOp<K>>;
  body: BodyIn<ControlOp<K>>;
}

/** Control operations may wait (flush waits for webhook attempts); the router awaits them. */
export type ControlHandler<K extends ControlOperationId> = (
  ctx: MockContext,
  input: ControlInput<K>,
) => SuccessIn<ControlOp<K>> | Promise<SuccessIn<ControlOp<K>>>;

/** The dashboard's operations live in dashboard-handlers.ts; streamEvents is the router's own. */
type CoreOperationId = Exclude<ControlOperationId, 'listMarket' | 'getMarketDetail' | 'listAgents' | 'getAgentDetail' | 'getStats' | 'removeFault' | 'streamEvents'>;

export const controlHandlers: { readonly [K in CoreOperationId]: ControlHandler<K> } = {
  getInfo: (ctx) => ({
    status: 200,
    body: {
      name: 'nx-conformance mock exchange',
      version: VERSION,
      seed: ctx.options.seed,
      clock: clockState(ctx),
      market: ctx.options.marketDescription ?? (ctx.options.market ? 'custom market source' : `seeded model (seed ${ctx.options.seed})`),
      defects: [...ctx.defects],
      rateLimit: ctx.options.rateLimit,
      demoAgents: ctx.demoAgents.map((d) => ({ agentId: d.agentId, mode: d.mode, apiKey: d.apiKey })),
      operations: operationList.map((op) => ({ operationId: op.operationId, method: op.method.toUpperCase(), path: op.path })),
    },
  }),
  resetState: (ctx) => {
    ctx.reset();
    return { status: 204 };
  },
  getClock: (ctx) => ({ status: 200, body: clockState(ctx) }),
  moveClock: (ctx, input) => {
    const { body } = input;
    exactlyOne(body, 'set', 'advanceMs');
    try {
      if (body.set !== undefined) ctx.clock.set(withinReach(ctx, parseIsoInstant(body.set), body.set));
      else ctx.clock.advance(body.advanceMs ?? 0);
    } catch (error) {
      if (error instanceof ClockNotControllableError) throw new HttpProblem('validation_failed', error.message, { status: 409 });
      // The schema's date-time format admits instants the clock cannot hold (sub-millisecond digits).
      if (error instanceof ClockSpecError) {
        const message = `'set' must be an ISO-8601 instant with at most millisecond precision, e.g. 2026-01-05T12:00:00.000Z; got ${JSON.stringify(body.set)}`;
        throw new HttpProblem('validation_failed', `${message}.`, { extras: { errors: [{ location: 'body', pointer: '/set', message, code: 'invalid_format' }] } });
      }
      throw error;
    }
    ctx.engine.settle();
    ctx.webhookDelivery.pump(); // retries that became due with the move go now
    return { status: 200, body: clockState(ctx) };
  },
  overridePrice: (ctx, input) => {
    const symbol = coinOr404(ctx, input.params.symbol);
    const { body } = input;
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
    const q = input.query;
    return { status: 200, body: { data: ctx.journal.list(q), capacity: ctx.journal.capacity, size: ctx.journal.size } };
  },
  clearJournal: (ctx) => {
    ctx.journal.clear();
    return { status: 204 };
  },
  listFaults: (ctx) => ({ status: 200, body: { data: ctx.faults.list() } }),
  injectFault: (ctx, input) => {
    const spec = input.body;
    // A misspelt operationId would otherwise be accepted and never fire.
    if (spec.operationId !== '*' && !operationList.some((op) => op.operationId === spec.operationId)) {
      const message = `No Agent Connect operation '${spec.operationId}'; use '*' or one of ${operationList.map((op) => op.operationId).join(', ')}`;
      throw new HttpProblem('validation_failed', `${message}.`, { extras: { errors: [{ location: 'body', pointer: '/operationId', message, code: 'unknown_operation' }] } });
    }
    ctx.log(`fault injected on ${spec.operationId}: ${spec.kind}`);
    return { status: 201, body: ctx.faults.add(spec) };
  },
  clearFaults: (ctx) => {
    ctx.faults.clear();
    return { status: 204 };
  },
  listWebhookDeliveries: (ctx) => ({ status: 200, body: deliveryList(ctx) }),
  flushWebhookDeliveries: async (ctx) => {
    await ctx.webhookDelivery.flush();
    return { status: 200, body: deliveryList(ctx) };
  },
  redeliverWebhookMessage: (ctx, input) => {
    const id = input.params.webhookId;
    if (!ctx.webhooks.all().some((w) => w.id === id)) throw new HttpProblem('not_found', `No webhook '${id}'. GET /__nx/webhooks lists them.`);
    const messageId = input.body?.messageId;
    const message = ctx.webhookDelivery.redeliver(id, messageId);
    if (!message) {
      throw new HttpProblem('not_found', messageId === undefined ? `Webhook '${id}' has no messages yet.` : `Webhook '${id}' has no message '${messageId}' in its log.`);
    }
    return { status: 202, body: messageView(message) };
  },
  exportState,
  importState,
};
