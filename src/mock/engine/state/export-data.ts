// Engine state → plain data (see engine-data.ts). Copies everything: nothing returned aliases
// engine state, so a caller may keep or serialise it while the engine moves on.
import type { AccountState } from '../trading/account.js';
import type { EngineContext } from '../trading/context.js';
import type { OrderState } from '../trading/types.js';
import type { AgentData, EngineData, OrderData } from './engine-data.js';
import { allOrders } from './order-archive.js';

export function orderData(o: OrderState): OrderData {
  return { ...o, fills: o.fills.map((f) => ({ ...f })), request: o.request ? { ...o.request } : null };
}

export function agentData(ctx: EngineContext, account: AccountState): AgentData {
  const agent = ctx.state.agents.get(account.agentId);
  const secret = ctx.state.secrets.get(account.agentId);
  if (!agent || secret === undefined) throw new Error(`engine state is inconsistent: account ${account.agentId} has no agent`);
  return {
    agent: { ...agent, permissions: [...agent.permissions] },
    secret,
    ledger: {
      cash: account.cash,
      reservedCash: account.reservedCash,
      realizedPnl: account.realizedPnl,
      positions: [...account.positions].map(([symbol, p]) => [symbol, { ...p }]),
      openBuyQty: [...account.openBuyQty],
      openSellQty: [...account.openSellQty],
      dailyLossLimit: account.dailyLossLimit,
      maxPositionSize: account.maxPositionSize,
      dayStart: account.dayStart,
      dayStartEquity: account.dayStartEquity,
      dailyLoss: { ...account.dailyLoss },
    },
  };
}

export function exportEngineData(ctx: EngineContext): EngineData {
  const s = ctx.state;
  return {
    nextSeq: s.nextSeq,
    lastSettledAt: s.lastSettledAt,
    rng: ctx.rng.save?.() ?? null,
    agents: [...s.accounts.values()].map((a) => agentData(ctx, a)),
    orders: allOrders(ctx).map(orderData), // archived ones too
  };
}
