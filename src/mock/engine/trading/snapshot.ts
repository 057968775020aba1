// A plain, JSON-able deep copy of all engine state, for determinism tests and debugging. Secrets
// are deliberately left out (snapshots may end up in logs or control endpoints); everything else
// that influences future behaviour is in. Map iteration order is insertion order, which is itself
// determined by the call sequence, so equal histories give deep-equal snapshots.
import { allOrders } from '../state/order-archive.js';
import type { AccountState } from './account.js';
import type { EngineContext } from './context.js';
import type { OrderState, OrderStatus, PositionState } from './types.js';

export interface OrderSnapshot extends Omit<OrderState, 'fills' | 'request'> {
  fills: OrderState['fills'];
  request: OrderState['request'];
}

export interface AccountSnapshot {
  agentId: string;
  cash: number;
  reservedCash: number;
  realizedPnl: number;
  positions: Array<{ symbol: string } & PositionState>;
  openBuyQty: Record<string, number>;
  openSellQty: Record<string, number>;
  orderIds: string[];
  clientOrderIds: Record<string, string>;
  dailyLossLimit: number | null;
  maxPositionSize: number | null;
  dayStart: number;
  dayStartEquity: number;
  dailyLoss: { tripped: boolean; trippedAt: number | null; resetsAt: number | null };
}

export interface EngineSnapshot {
  lastSettledAt: number;
  nextSeq: number;
  agents: Array<{
    agentId: string;
    name: string;
    permissions: string[];
    mode: string;
    apiKey: string;
    rateLimitPerMinute: number;
    dailyLossLimit: number | null;
    maxPositionSize: number | null;
    createdAt: number;
  }>;
  accounts: AccountSnapshot[];
  orders: OrderSnapshot[];
  resting: Array<{ orderId: string; symbol: string; side: string; price: number | null; status: OrderStatus }>;
}

function accountSnapshot(a: AccountState): AccountSnapshot {
  return {
    agentId: a.agentId,
    cash: a.cash,
    reservedCash: a.reservedCash,
    realizedPnl: a.realizedPnl,
    positions: [...a.positions].map(([symbol, p]) => ({ symbol, ...p })),
    openBuyQty: Object.fromEntries(a.openBuyQty),
    openSellQty: Object.fromEntries(a.openSellQty),
    orderIds: a.orders.map((o) => o.orderId),
    clientOrderIds: Object.fromEntries([...a.clientOrders].map(([k, o]) => [k, o.orderId])),
    dailyLossLimit: a.dailyLossLimit,
    maxPositionSize: a.maxPositionSize,
    dayStart: a.dayStart,
    dayStartEquity: a.dayStartEquity,
    dailyLoss: { ...a.dailyLoss },
  };
}

function orderSnapshot(o: OrderState): OrderSnapshot {
  return { ...o, fills: o.fills.map((f) => ({ ...f })), request: o.request ? { ...o.request } : null };
}

export function takeSnapshot(ctx: EngineContext): EngineSnapshot {
  const orders = allOrders(ctx); // first: it joins archived orders to their accounts
  const s = ctx.state;
  const resting: EngineSnapshot['resting'] = [];
  for (const [, book] of s.resting.nonEmpty()) {
    for (const o of [...book.buys, ...book.sells]) {
      resting.push({ orderId: o.orderId, symbol: o.symbol, side: o.side, price: o.price, status: o.status });
    }
  }
  return {
    lastSettledAt: s.lastSettledAt,
    nextSeq: s.nextSeq,
    agents: [...s.agents.values()].map((a) => ({ ...a, permissions: [...a.permissions] })),
    accounts: [...s.accounts.values()].map(accountSnapshot),
    orders: orders.map(orderSnapshot),
    resting,
  };
}
