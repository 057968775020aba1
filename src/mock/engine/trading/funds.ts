// Affordability checks (422s). Pure; run before any mutation.
import { EngineError } from '../errors.js';
import { availableCash, openQty, positionQty, type AccountState } from './account.js';
import { MAX_ORDER_NOTIONAL } from './costs.js';
import { roundMoney, roundTo } from './round.js';

/** @param released cash this operation frees first (a modified order's old reservation). */
export function assertFunds(account: AccountState, required: number, released = 0): void {
  const available = roundMoney(availableCash(account) + released);
  if (required > available) {
    throw new EngineError(
      'insufficient_funds',
      `This order needs ${required} USD including fees but only ${available} USD is available ` +
        '(cash minus what open buy orders reserve). Reduce the quantity or cancel open buy orders.',
      { required, available },
    );
  }
}

/** Sells without shorting: quantity ≤ position − what other open sells already committed. */
export function assertPositionAvailable(
  account: AccountState,
  symbol: string,
  quantity: number,
  qtyDecimals: number,
  excludeRemaining = 0,
): void {
  const held = Math.max(0, positionQty(account, symbol));
  const available = roundTo(Math.max(0, held - (openQty(account, symbol, 'sell') - excludeRemaining)), qtyDecimals);
  if (quantity > available + 1e-12) {
    throw new EngineError(
      'insufficient_position',
      `You can sell at most ${available} ${symbol} (position ${held} minus open sell orders); ` +
        'short selling is disabled. Reduce the quantity or cancel open sell orders.',
      { required: quantity, available, symbol },
    );
  }
}

export function assertNotionalCap(quantity: number, refPrice: number): void {
  const notional = quantity * refPrice;
  if (notional > MAX_ORDER_NOTIONAL) {
    throw new EngineError(
      'invalid_quantity',
      `Order notional ${roundMoney(notional)} USD exceeds the per-order maximum of ${MAX_ORDER_NOTIONAL} USD; ` +
        'split it into smaller orders.',
      { limit: MAX_ORDER_NOTIONAL, projected: roundMoney(notional) },
    );
  }
}
