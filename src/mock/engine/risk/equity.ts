// Equity = cash + Σ quantity × mid. Reserved cash is still cash, so reservations don't move it.
import type { AccountState } from '../trading/account.js';
import type { EpochMs, MarketSource } from '../types.js';
import { roundMoney } from '../trading/round.js';

export function equityAt(market: MarketSource, account: AccountState, t: EpochMs): number {
  let equity = account.cash;
  for (const [symbol, position] of account.positions) {
    equity += position.quantity * market.price(symbol, t);
  }
  return roundMoney(equity);
}
