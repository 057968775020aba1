// placeOrder: validate → idempotency → risk → affordability (all pure), then create and execute.
import { EngineError } from '../errors.js';
import { noteOrder } from '../state/change-journal.js';
import { resolveOrder } from '../state/order-archive.js';
import { assertRiskAllowed } from '../risk/risk-gate.js';
import type { AccountState } from './account.js';
import type { EngineContext } from './context.js';
import { buyCost } from './costs.js';
import { executeAndFinish } from './execute.js';
import { assertFunds, assertNotionalCap, assertPositionAvailable } from './funds.js';
import { newOrderId } from './ids.js';
import { planWalk } from './order-book-walk.js';
import { toOrderView } from './order-view.js';
import { decimalsOf, roundTo } from './round.js';
import type { OrderRequest, OrderState, OrderView, PlaceOrderInput } from './types.js';
import {
  normalizePrice,
  normalizeQuantity,
  rejectMarketPrice,
  resolveCoin,
  validateClientOrderId,
  validateSide,
  validateType,
} from './validate-order.js';

export interface PlaceOrderResult {
  order: OrderView;
  replayed: boolean;
}

export function placeOrder(ctx: EngineContext, account: AccountState, input: PlaceOrderInput): PlaceOrderResult {
  if (typeof input !== 'object' || input === null) {
    throw new EngineError('invalid_request', 'An order needs symbol, side, type and quantity.');
  }
  const now = ctx.clock.now();
  const side = validateSide(input.side);
  const type = validateType(input.type);
  const coin = resolveCoin(ctx.market, input.symbol);
  const quantity = normalizeQuantity(coin, input.quantity);
  let price: number | null = null;
  if (type === 'limit') price = normalizePrice(coin, input.price);
  else rejectMarketPrice(input.price);
  const clientOrderId = validateClientOrderId(input.clientOrderId);
  const request: OrderRequest = { symbol: coin.symbol, side, type, quantity, price };

  if (clientOrderId !== null) {
    const prior = account.clientOrders.get(clientOrderId);
    if (prior) return replay(resolveOrder(ctx, prior), request);
  }

  const symbol = coin.symbol;
  const refPrice = price ?? ctx.market.price(symbol, now);
  assertNotionalCap(quantity, refPrice);
  assertRiskAllowed(ctx, account, symbol, side, quantity, refPrice);
  const qtyDecimals = decimalsOf(coin.lotSize);
  if (side === 'sell' && !ctx.config.allowShort) assertPositionAvailable(account, symbol, quantity, qtyDecimals);
  const plan = planWalk(ctx.market, symbol, now, side, quantity, price, coin.lotSize, qtyDecimals, ctx.config.feeBps);
  if (side === 'buy') {
    const rests = price === null ? 0 : buyCost(price, roundTo(quantity - plan.filledQuantity, qtyDecimals), ctx.config.feeBps);
    assertFunds(account, roundTo(plan.cost + rests, 8));
  }

  // Everything validated: from here on nothing throws.
  const order: OrderState = {
    orderId: newOrderId(ctx),
    agentId: account.agentId,
    seq: ctx.state.nextSeq++,
    clientOrderId,
    symbol,
    side,
    type,
    quantity,
    price,
    qtyDecimals,
    status: 'open',
    filledQuantity: 0,
    filledNotional: 0,
    fees: 0,
    fills: [],
    reserved: 0,
    rejectReason: null,
    createdAt: now,
    updatedAt: now,
    // Kept only for idempotent replays: 100k resting orders without a clientOrderId save ~10 MB.
    request: clientOrderId === null ? null : request,
  };
  ctx.state.orders.set(order.orderId, order);
  account.orders.push(order);
  if (clientOrderId !== null) account.clientOrders.set(clientOrderId, order);
  noteOrder(ctx, order);
  ctx.events.emit({ type: 'order.created', agentId: account.agentId, at: now, order: toOrderView(order) });
  executeAndFinish(ctx, account, order, plan, now);
  return { order: toOrderView(order), replayed: false };
}

/** Same clientOrderId: identical normalised parameters replay the first order, anything else conflicts. */
function replay(prior: OrderState, request: OrderRequest): PlaceOrderResult {
  const a = prior.request ?? { symbol: prior.symbol, side: prior.side, type: prior.type, quantity: prior.quantity, price: prior.price };
  const same =
    a.symbol === request.symbol &&
    a.side === request.side &&
    a.type === request.type &&
    a.quantity === request.quantity &&
    a.price === request.price;
  if (!same) {
    throw new EngineError(
      'idempotency_conflict',
      `clientOrderId ${JSON.stringify(prior.clientOrderId)} was already used for a different order ` +
        `(${prior.orderId}); reuse it only to retry the identical request, or pick a new clientOrderId.`,
      { orderId: prior.orderId, original: { ...a } },
    );
  }
  return { order: toOrderView(prior), replayed: true };
}
