// An order as a compact JSON array (field order below): a state file with 100 000 orders is
// read back at start-up, and arrays parse in about half the time of objects with their keys
// repeated in every document. updatedAt and fill times are written as offsets from createdAt
// (mostly 0). On the way back the strings every order repeats (its agent, symbol, side, type,
// status) are shared instead of kept once per order: fewer objects survive the parse, which is
// what the garbage collector spends a restart on. Exact both ways.
import type { OrderData } from '../../engine/index.js';
import type { FillView, Liquidity, OrderSide, OrderStatus, OrderType } from '../../engine/trading/types.js';

type FillDoc = [fillId: string, price: number, quantity: number, fee: number, liquidity: Liquidity, afterCreated: number];
type OrderDoc = [
  orderId: string,
  agentId: string,
  seq: number,
  clientOrderId: string | null,
  symbol: string,
  side: OrderSide,
  type: OrderType,
  quantity: number,
  price: number | null,
  qtyDecimals: number,
  status: OrderStatus,
  filledQuantity: number,
  filledNotional: number,
  fees: number,
  reserved: number,
  rejectReason: string | null,
  createdAt: number,
  updatedAfterCreated: number,
  /** What it was placed with (quantity, price) when a clientOrderId may replay it; symbol, side and type never change. */
  request: [quantity: number, price: number | null] | null,
  fills: FillDoc[],
];

export function encodeOrder(o: OrderData): string {
  const doc: OrderDoc = [
    o.orderId, o.agentId, o.seq, o.clientOrderId, o.symbol, o.side, o.type, o.quantity, o.price, o.qtyDecimals, o.status,
    o.filledQuantity, o.filledNotional, o.fees, o.reserved, o.rejectReason, o.createdAt, o.updatedAt - o.createdAt,
    o.request === null ? null : [o.request.quantity, o.request.price],
    o.fills.map((f): FillDoc => [f.fillId, f.price, f.quantity, f.fee, f.liquidity, f.timestamp - o.createdAt]),
  ];
  return JSON.stringify(doc);
}

/** One shared copy of each repeated string. */
class Strings {
  private readonly seen = new Map<string, string>();
  of<T extends string>(s: T): T {
    const shared = this.seen.get(s);
    if (shared !== undefined) return shared as T;
    this.seen.set(s, s);
    return s;
  }
}

export function decodeOrder(text: string, strings = new Strings()): OrderData {
  return fromDoc(JSON.parse(text) as OrderDoc, strings);
}

/** A page of orders: a JSON array of order documents. */
export function decodeOrderPage(text: string, strings: Strings): OrderData[] {
  return (JSON.parse(text) as OrderDoc[]).map((doc) => fromDoc(doc, strings));
}

export const sharedStrings = (): Strings => new Strings();

function fromDoc(doc: OrderDoc, strings: Strings): OrderData {
  const [orderId, agentId, seq, clientOrderId, symbol, side, type, quantity, price, qtyDecimals, status, filledQuantity, filledNotional, fees, reserved, rejectReason, createdAt, updatedAfter, request, fills] = doc;
  const s = { symbol: strings.of(symbol), side: strings.of(side), type: strings.of(type) };
  return {
    orderId, agentId: strings.of(agentId), seq, clientOrderId, ...s, quantity, price, qtyDecimals, status: strings.of(status),
    filledQuantity, filledNotional, fees, reserved, rejectReason, createdAt, updatedAt: createdAt + updatedAfter,
    request: request === null ? null : { ...s, quantity: request[0], price: request[1] },
    fills: fills.map(([fillId, p, q, fee, liquidity, after]): FillView => ({ fillId, price: p, quantity: q, fee, liquidity: strings.of(liquidity), timestamp: createdAt + after })),
  };
}
