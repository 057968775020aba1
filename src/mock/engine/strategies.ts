// The engine's replaceable policies, injected through EngineOptions.strategies. The defaults are
// the API's rules; the mock's seeded defects (src/mock/defects/) replace one to ship a realistic bug
// without a flag inside the engine.
import type { AccountState } from './trading/account.js';
import type { EngineContext } from './trading/context.js';
import { requireOwnOrder } from './trading/order-lookup.js';
import type { OrderSide, OrderState } from './trading/types.js';
import { assertWithinPositionLimit } from './risk/position-limit.js';
import type { EpochMs } from './types.js';

export interface EngineStrategies {
  /** Throws position_limit_exceeded when new exposure would pass maxPositionSize. */
  positionLimit(account: AccountState, symbol: string, side: OrderSide, quantity: number, refPrice: number, excludeRemaining: number): void;
  /**
   * Called at every evaluation while the daily-loss breaker is tripped, with today's loss. The
   * rule: nothing happens, the breaker stays latched until the next 00:00 UTC.
   */
  whileTripped(ctx: EngineContext, account: AccountState, loss: number, t: EpochMs): void;
  /** The order GET /orders/{orderId} shows to an agent: its own, else order_not_found. */
  readableOrder(ctx: EngineContext, account: AccountState, orderId: string): OrderState;
}

export const defaultStrategies: EngineStrategies = {
  positionLimit: assertWithinPositionLimit,
  whileTripped: () => {},
  readableOrder: requireOwnOrder,
};
