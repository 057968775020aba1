// modifyOrder: amend quantity (new TOTAL) and/or limit price of a resting order, keeping its id
// and its creation priority. Added risk is re-checked like a new order; a price that now crosses
// the book takes liquidity immediately, exactly as a new limit order would.
import { EngineError } from '../errors.js';
import { assertRiskAllowed } from '../risk/risk-gate.js';
import { remainingOf, unrest, type AccountState } from './account.js';
import type { EngineContext } from './context.js';
import { buyCost } from './costs.js';
import { executeAndFinish } from './execute.js';
import { assertFunds, assertNotionalCap, assertPositionAvailable } from './funds.js';
import { requireModifiable, requireOwnOrder } from './order-lookup.js';
import { planWalk } from './order-book-walk.js';
import { toOrderView } from './order-view.js';
import { roundMoney, roundTo } from './round.js';
import type { ModifyOrderInput, OrderView } from './types.js';
import { normalizePrice, normalizeQuantity, resolveCoin } from './validate-order.js';

export function modifyOrder(
  ctx: EngineContext,
  account: AccountState,
  orderId: string,
  input: ModifyOrderInput | null | undefined,
): OrderView {
  const order = requireOwnOrder(ctx, account, orderId);
  requireModifiable(order, 'modified');
  const now = ctx.clock.now();
  const coin = resolveCoin(ctx.market, order.symbol);
  input ??= {};
  const quantity = input.quantity == null ? order.quantity : normalizeQuantity(coin, input.quantity);
  // Only limit orders ever rest, so a modifiable order always has a price.
  const oldPrice = order.price ?? 0;
  const price = input.price == null ? oldPrice : normalizePrice(coin, input.price);
  if (quantity <= order.filledQuantity) {
    throw new EngineError(
      'invalid_quantity',
      `quantity is the new total and must exceed the ${order.filledQuantity} already filled; ` +
        'to stop the order, cancel it instead.',
      { filledQuantity: order.filledQuantity },
    );
  }
  if (quantity === order.quantity && price === oldPrice) return toOrderView(order);

  const dec = order.qtyDecimals;
  const oldRemaining = remainingOf(order);
  const remaining = roundTo(quantity - order.filledQuantity, dec);
  assertNotionalCap(quantity, price);
  const addsRisk = remaining > oldRemaining || remaining * price > oldRemaining * oldPrice;
  if (addsRisk) assertRiskAllowed(ctx, account, order.symbol, order.side, remaining, price, oldRemaining);
  if (order.side === 'sell' && !ctx.config.allowShort) {
    assertPositionAvailable(account, order.symbol, remaining, dec, oldRemaining);
  }
  const plan = planWalk(ctx.market, order.symbol, now, order.side, remaining, price, coin.lotSize, dec, ctx.config.feeBps);
  if (order.side === 'buy') {
    const rests = buyCost(price, roundTo(remaining - plan.filledQuantity, dec), ctx.config.feeBps);
    assertFunds(account, roundMoney(plan.cost + rests), order.reserved);
  }

  // Validated: take it off the book (releasing its reservation), amend, and execute like new.
  unrest(ctx, account, order);
  order.quantity = quantity;
  order.price = price;
  executeAndFinish(ctx, account, order, plan, now);
  return toOrderView(order);
}
