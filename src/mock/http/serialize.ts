// Engine values (epoch ms) to API JSON (RFC 3339 strings). Key order here is the key order on
// the wire, so it follows the spec's property order; same state gives byte-identical bodies.
import type { AgentRecord, BreakerState, OrderView, PositionView } from '../engine/index.js';

// The last instant formatted is kept: an order's createdAt, updatedAt and fill times, and the
// journal's time of each request, are mostly the same millisecond (thousands of requests a second).
let lastMs = Number.NaN;
let lastIso = '';

/** RFC 3339 in UTC with milliseconds, exactly Date.prototype.toISOString (which throws on NaN). */
export function iso(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function rateLimitText(agent: AgentRecord): string {
  return `${agent.rateLimitPerMinute} requests/min`;
}

/** The fields every view of an agent shares, in the spec's property order. */
function agentFields(agent: AgentRecord) {
  return {
    permissions: [...agent.permissions],
    mode: agent.mode,
    rateLimit: rateLimitText(agent),
    dailyLossLimit: agent.dailyLossLimit,
    maxPositionSize: agent.maxPositionSize,
    createdAt: iso(agent.createdAt),
  };
}

export function serializeAgentProfile(agent: AgentRecord) {
  return { id: agent.agentId, name: agent.name, keyPrefix: agent.apiKey.slice(0, 12), ...agentFields(agent) };
}

/** The register response: the only view with the key in full and the secret. */
export function serializeRegisteredAgent(agent: AgentRecord, apiSecret: string) {
  return { id: agent.agentId, name: agent.name, apiKey: agent.apiKey, apiSecret, ...agentFields(agent) };
}

export function serializeBreakers(b: BreakerState) {
  return {
    dailyLoss: {
      limit: b.dailyLoss.limit,
      current: b.dailyLoss.current,
      tripped: b.dailyLoss.tripped,
      trippedAt: isoOrNull(b.dailyLoss.trippedAt),
      resetsAt: isoOrNull(b.dailyLoss.resetsAt),
    },
    maxPositionSize: { limit: b.maxPositionSize.limit },
  };
}

export function serializeOrder(o: OrderView) {
  return {
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    quantity: o.quantity,
    price: o.price,
    status: o.status,
    filledQuantity: o.filledQuantity,
    remainingQuantity: o.remainingQuantity,
    avgFillPrice: o.avgFillPrice,
    fees: o.fees,
    fills: o.fills.map((f) => ({
      fillId: f.fillId,
      price: f.price,
      quantity: f.quantity,
      fee: f.fee,
      liquidity: f.liquidity,
      timestamp: iso(f.timestamp),
    })),
    rejectReason: o.rejectReason,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}

export function serializePosition(p: PositionView) {
  return {
    symbol: p.symbol,
    quantity: p.quantity,
    avgPrice: p.avgPrice,
    marketPrice: p.marketPrice,
    marketValue: p.marketValue,
    unrealizedPnl: p.unrealizedPnl,
    realizedPnl: p.realizedPnl,
  };
}
