// Portfolio read model, marked at the current mid.
import { breakerState } from '../risk/daily-loss.js';
import type { BreakerState } from '../risk/types.js';
import type { EpochMs } from '../types.js';
import { availableCash, type AccountState } from './account.js';
import type { EngineContext } from './context.js';
import { roundMoney } from './round.js';
import type { PositionView } from './types.js';

export interface PortfolioView {
  cash: number;
  reservedCash: number;
  availableCash: number;
  /** cash + Σ quantity × mid (reserved cash is still cash). */
  totalValue: number;
  positions: PositionView[];
  /** totalValue − dayStartEquity. */
  dayPnl: number;
  dayStartEquity: number;
  breakers: BreakerState;
}

export function portfolioView(ctx: EngineContext, account: AccountState, t: EpochMs): PortfolioView {
  const positions: PositionView[] = [];
  let total = account.cash;
  const symbols = [...account.positions.keys()].sort();
  for (const symbol of symbols) {
    const p = account.positions.get(symbol);
    if (!p) continue;
    const mark = ctx.market.price(symbol, t);
    const marketValue = roundMoney(p.quantity * mark);
    total += p.quantity * mark;
    positions.push({
      symbol,
      quantity: p.quantity,
      avgPrice: p.avgPrice,
      marketPrice: mark,
      marketValue,
      unrealizedPnl: roundMoney((mark - p.avgPrice) * p.quantity),
      realizedPnl: p.realizedPnl,
    });
  }
  const totalValue = roundMoney(total);
  return {
    cash: account.cash,
    reservedCash: account.reservedCash,
    availableCash: availableCash(account),
    totalValue,
    positions,
    dayPnl: roundMoney(totalValue - account.dayStartEquity),
    dayStartEquity: account.dayStartEquity,
    breakers: breakerState(ctx, account, t),
  };
}
