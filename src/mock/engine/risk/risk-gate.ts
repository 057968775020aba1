// The one risk check new exposure goes through (placing, and modifying upwards): orders that only
// reduce a position always pass; anything else must clear the daily-loss latch and the position cap.
import type { AccountState } from '../trading/account.js';
import type { EngineContext } from '../trading/context.js';
import type { OrderSide } from '../trading/types.js';
import { assertMayAddRisk } from './daily-loss.js';
import { reducesOnly } from './reduces-only.js';

export function assertRiskAllowed(
  ctx: Pick<EngineContext, 'strategies'>,
  account: AccountState,
  symbol: string,
  side: OrderSide,
  quantity: number,
  refPrice: number,
  excludeRemaining = 0,
): void {
  if (reducesOnly(account, symbol, side, quantity, excludeRemaining)) return;
  assertMayAddRisk(account);
  ctx.strategies.positionLimit(account, symbol, side, quantity, refPrice, excludeRemaining);
}
