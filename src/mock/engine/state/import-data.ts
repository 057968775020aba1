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
const LEDGER_NUMBERS = ['cash', 'reservedCash', 'realizedPnl', 'dayStart', 'dayStartEquity'] as const;

function checkAgent(a: AgentData, i: number, seen: { ids: Set<string>; keys: Set<string> }, problems: string[]): void {
  const at = `/agents/${i}`;
  if (typeof a?.agent?.agentId !== 'string' || a.agent.agentId === '') return void problems.push(`${at}/agent/agentId is missing`);
  if (seen.ids.has(a.agent.agentId)) problems.push(`${at}/agent/agentId ${a.agent.agentId} appears twice`);
  if (typeof a.agent.apiKey !== 'string' || seen.keys.has(a.agent.apiKey)) problems.push(`${at}/agent/apiKey is missing or appears twice`);
  if (typeof a.secret !== 'string' || a.secret === '') problems.push(`${at}/secret is missing`);
  if (a.agent.mode !== 'sandbox' && a.agent.mode !== 'live') problems.push(`${at}/agent/mode must be sandbox or live`);
  if (!Array.isArray(a.agent.permissions) || !a.agent.permissions.every((p) => PERMISSIONS.includes(p))) problems.push(`${at}/agent/permissions has an unknown permission`);
  const l = a.ledger;
  for (const field of LEDGER_NUMBERS) {
    if (!finite(l?.[field])) problems.push(`${at}/ledger/${field} must be a finite number`);
  }
  seen.ids.add(a.agent.agentId);
  seen.keys.add(a.agent.apiKey);
}

/** An order's own problems; uniqueness and ownership are judged while the state is built. */
function checkOrder(o: OrderData, at: string, nextSeq: number, problems: string[]): boolean {
  if (typeof o?.orderId !== 'string' || o.orderId === '') return (problems.push(`${at}/orderId is missing`), false);
  if (!Number.isSafeInteger(o.seq) || o.seq < 1 || o.seq >= nextSeq) problems.push(`${at}/seq must be a unique integer from 1 to nextSeq - 1`);
  if (!STATUSES.has(o.status)) problems.push(`${at}/status ${String(o.status)} is not an order status`);
  if (isOpen(o) && (o.type !== 'limit' || !finite(o.price) || (o.price ?? 0) <= 0)) problems.push(`${at}: only limit orders with a price can be open`);
  if (!Array.isArray(o.fills)) problems.push(`${at}/fills must be an array`);
  return true;
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

/**
 * Builds the engine state `data` describes in one pass, judging it on the way: every problem is
 * collected with its path. The orders are taken over, not copied (a restart with 100 000 of
 * them should not build each twice), and are expected in seq order, as exports and state files
 * keep them (anything else is sorted first).
 */
function build(data: EngineData): { state: EngineState; problems: string[] } {
  const problems: string[] = [];
  if (!Number.isSafeInteger(data?.nextSeq) || data.nextSeq < 1) problems.push('/nextSeq must be a positive integer');
  if (!finite(data?.lastSettledAt)) problems.push('/lastSettledAt must be a time in epoch ms');
  const state = createState(data?.lastSettledAt ?? 0);
  if (!Array.isArray(data?.agents) || !Array.isArray(data?.orders)) return { state, problems: [...problems, '/agents and /orders must be arrays'] };
  state.nextSeq = data.nextSeq;
  const seen = { ids: new Set<string>(), keys: new Set<string>() };
  data.agents.forEach((a, i) => {
    checkAgent(a, i, seen, problems);
    if (typeof a?.agent?.agentId !== 'string' || state.agents.has(a.agent.agentId)) return;
    const record: AgentRecord = Object.freeze({ ...a.agent, permissions: Object.freeze([...(a.agent.permissions ?? [])]) });
    state.agents.set(record.agentId, record);
    state.agentIdByKey.set(record.apiKey, record.agentId);
    state.secrets.set(record.agentId, a.secret);
    state.accounts.set(record.agentId, accountOf(a));
  });
  const sorted = data.orders.every((o, i) => i === 0 || (data.orders[i - 1] as OrderData).seq < o.seq);
  // Sorted (as always from a state file) they are visited in place: no index array of 100 000.
  const indexes = sorted ? null : data.orders.map((_, i) => i).sort((x, y) => (data.orders[x] as OrderData).seq - (data.orders[y] as OrderData).seq);
  // Archived orders (a state file's finished ones) join each account when it is first used.
  if (data.archive) state.archived = { archive: data.archive, agents: new Set(state.accounts.keys()), pending: data.archive.size };
  let lastSeq = 0;
  for (let n = 0; n < data.orders.length; n++) {
    const i = indexes ? (indexes[n] as number) : n;
    const order = data.orders[i] as OrderState;
    const at = `/orders/${i}`;
    if (!checkOrder(order, at, data.nextSeq, problems)) continue;
    const account = state.accounts.get(order.agentId);
    if (!account) problems.push(`${at}/agentId ${String(order.agentId)} is not an agent of this state`);
    if (state.orders.has(order.orderId)) problems.push(`${at}/orderId ${order.orderId} appears twice`);
    if (order.seq === lastSeq) problems.push(`${at}/seq must be a unique integer from 1 to nextSeq - 1`);
    lastSeq = order.seq;
    if (!account || problems.length > 0) continue; // the state is thrown away anyway; keep judging
    state.orders.set(order.orderId, order);
    account.orders.push(order);
    if (order.clientOrderId !== null && !account.clientOrders.has(order.clientOrderId)) account.clientOrders.set(order.clientOrderId, order);
    if (isOpen(order)) state.resting.add(order);
  }
  return { state, problems };
}

/** What is wrong with `data` (empty when importData would take it). */
export function checkEngineData(data: EngineData): string[] {
  return build(data).problems;
}

/** Builds the engine state `data` describes (taking its orders over); throws EngineDataError when it is malformed. */
export function buildEngineState(data: EngineData): EngineState {
  const { state, problems } = build(data);
  if (problems.length > 0) throw new EngineDataError(problems);
  return state;
}

/** Replaces the engine's state (and its id generator's position) with `data`, which it takes over. */
export function importEngineData(ctx: EngineContext, data: EngineData): void {
  const state = buildEngineState(data);
  if (data.rng && ctx.rng.restore) ctx.rng.restore(data.rng);
  ctx.state = state;
  for (const a of data.agents) announceCredentials(ctx, a.agent.apiKey, a.secret);
}
