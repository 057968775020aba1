// Plain data → a fresh engine state. The data's own bookkeeping (ledgers, fills) is taken as
// given; what the engine keeps only for speed (each agent's order list, clientOrderId index, the
// resting-order index) is rebuilt from the orders. Structural problems are refused with the
// path of every offending value, before anything of the running engine is replaced.
import { announceCredentials } from '../agents/agent-registry.js';
import { PERMISSIONS } from '../agents/validate-agent.js';
import type { AgentRecord } from '../agents/types.js';
import type { AccountState } from '../trading/account.js';
import { createState, type EngineContext, type EngineState } from '../trading/context.js';
import { isOpen, type OrderState } from '../trading/types.js';
import type { AgentData, EngineData, OrderData } from './engine-data.js';

const STATUSES = new Set(['open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired']);

/** Engine data that cannot be imported; `problems` lists each one with its path. */
export class EngineDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`The engine state cannot be imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}.`);
    this.name = 'EngineDataError';
  }
}

const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

function checkAgent(a: AgentData, i: number, seen: { ids: Set<string>; keys: Set<string> }, problems: string[]): void {
  const at = `/agents/${i}`;
  if (typeof a?.agent?.agentId !== 'string' || a.agent.agentId === '') return void problems.push(`${at}/agent/agentId is missing`);
  if (seen.ids.has(a.agent.agentId)) problems.push(`${at}/agent/agentId ${a.agent.agentId} appears twice`);
  if (typeof a.agent.apiKey !== 'string' || seen.keys.has(a.agent.apiKey)) problems.push(`${at}/agent/apiKey is missing or appears twice`);
  if (typeof a.secret !== 'string' || a.secret === '') problems.push(`${at}/secret is missing`);
  if (a.agent.mode !== 'sandbox' && a.agent.mode !== 'live') problems.push(`${at}/agent/mode must be sandbox or live`);
  if (!Array.isArray(a.agent.permissions) || !a.agent.permissions.every((p) => PERMISSIONS.includes(p))) problems.push(`${at}/agent/permissions has an unknown permission`);
  const l = a.ledger;
  for (const field of ['cash', 'reservedCash', 'realizedPnl', 'dayStart', 'dayStartEquity'] as const) {
    if (!finite(l?.[field])) problems.push(`${at}/ledger/${field} must be a finite number`);
  }
  seen.ids.add(a.agent.agentId);
  seen.keys.add(a.agent.apiKey);
}

function checkOrder(o: OrderData, i: number, agents: Set<string>, seen: Map<string, number>, seqs: Set<number>, nextSeq: number, problems: string[]): void {
  const at = `/orders/${i}`;
  if (typeof o?.orderId !== 'string' || o.orderId === '') return void problems.push(`${at}/orderId is missing`);
  if (seen.has(o.orderId)) problems.push(`${at}/orderId ${o.orderId} appears twice`);
  if (!agents.has(o.agentId)) problems.push(`${at}/agentId ${String(o.agentId)} is not an agent of this state`);
  if (!Number.isSafeInteger(o.seq) || o.seq < 1 || o.seq >= nextSeq || seqs.has(o.seq)) problems.push(`${at}/seq must be a unique integer from 1 to nextSeq - 1`);
  if (!STATUSES.has(o.status)) problems.push(`${at}/status ${String(o.status)} is not an order status`);
  if (isOpen(o) && (o.type !== 'limit' || !finite(o.price) || (o.price ?? 0) <= 0)) problems.push(`${at}: only limit orders with a price can be open`);
  if (!Array.isArray(o.fills)) problems.push(`${at}/fills must be an array`);
  seen.set(o.orderId, i);
  seqs.add(o.seq);
}

export function checkEngineData(data: EngineData): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(data?.nextSeq) || data.nextSeq < 1) problems.push('/nextSeq must be a positive integer');
  if (!finite(data?.lastSettledAt)) problems.push('/lastSettledAt must be a time in epoch ms');
  if (!Array.isArray(data?.agents) || !Array.isArray(data?.orders)) return [...problems, '/agents and /orders must be arrays'];
  const seen = { ids: new Set<string>(), keys: new Set<string>() };
  data.agents.forEach((a, i) => checkAgent(a, i, seen, problems));
  const orderIds = new Map<string, number>();
  const seqs = new Set<number>();
  data.orders.forEach((o, i) => checkOrder(o, i, seen.ids, orderIds, seqs, data.nextSeq, problems));
  return problems;
}

function accountOf(a: AgentData): AccountState {
  const l = a.ledger;
  return {
    agentId: a.agent.agentId,
    cash: l.cash,
    reservedCash: l.reservedCash,
    positions: new Map(l.positions.map(([symbol, p]) => [symbol, { ...p }])),
    realizedPnl: l.realizedPnl,
    openBuyQty: new Map(l.openBuyQty),
    openSellQty: new Map(l.openSellQty),
    orders: [],
    clientOrders: new Map(),
    dailyLossLimit: l.dailyLossLimit,
    maxPositionSize: l.maxPositionSize,
    dayStart: l.dayStart,
    dayStartEquity: l.dayStartEquity,
    dailyLoss: { ...l.dailyLoss },
  };
}

/** Builds the engine state `data` describes; throws EngineDataError and changes nothing when it is malformed. */
export function buildEngineState(data: EngineData): EngineState {
  const problems = checkEngineData(data);
  if (problems.length > 0) throw new EngineDataError(problems);
  const state = createState(data.lastSettledAt);
  state.nextSeq = data.nextSeq;
  for (const a of data.agents) {
    const record: AgentRecord = Object.freeze({ ...a.agent, permissions: Object.freeze([...a.agent.permissions]) });
    state.agents.set(record.agentId, record);
    state.agentIdByKey.set(record.apiKey, record.agentId);
    state.secrets.set(record.agentId, a.secret);
    state.accounts.set(record.agentId, accountOf(a));
  }
  const orders = [...data.orders].sort((x, y) => x.seq - y.seq);
  for (const o of orders) {
    const order: OrderState = { ...o, fills: o.fills.map((f) => ({ ...f })), request: o.request ? { ...o.request } : null };
    const account = state.accounts.get(order.agentId) as AccountState;
    state.orders.set(order.orderId, order);
    account.orders.push(order);
    if (order.clientOrderId !== null && !account.clientOrders.has(order.clientOrderId)) account.clientOrders.set(order.clientOrderId, order);
    if (isOpen(order)) state.resting.add(order);
  }
  return state;
}

/** Replaces the engine's state (and its id generator's position) with `data`. */
export function importEngineData(ctx: EngineContext, data: EngineData): void {
  const state = buildEngineState(data);
  if (data.rng && ctx.rng.restore) ctx.rng.restore(data.rng);
  ctx.state = state;
  for (const a of data.agents) announceCredentials(ctx, a.agent.apiKey, a.secret);
}
