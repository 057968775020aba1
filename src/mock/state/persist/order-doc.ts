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
export class Strings {
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

/** A page of orders (a JSON array of order documents), appended to `into`. */
export function decodeOrderPage(text: string, strings: Strings, into: OrderData[] = []): OrderData[] {
  const docs = JSON.parse(text) as OrderDoc[];
  for (let i = 0; i < docs.length; i++) into.push(fromDoc(docs[i] as OrderDoc, strings));
  return into;
}

export const sharedStrings = (): Strings => new Strings();

// Written out field by field, in the engine's own field order (place-order.ts), so a restored
// order shares the hidden class of a placed one. No spreads or map(): plain object literals let V8 see that
// nearly everything these sites allocate survives, and allocate it old at once (pretenuring)
// instead of copying 100 000 orders through the young generation; a restart spends less on GC.
function fromDoc(doc: OrderDoc, strings: Strings): OrderData {
  const createdAt = doc[16];
  const symbol = strings.of(doc[4]);
  const side = strings.of(doc[5]);
  const type = strings.of(doc[6]);
  const request = doc[18];
  const fillDocs = doc[19];
  const fills: FillView[] = [];
  for (let i = 0; i < fillDocs.length; i++) {
    const f = fillDocs[i] as FillDoc;
    fills.push({ fillId: f[0], price: f[1], quantity: f[2], fee: f[3], liquidity: strings.of(f[4]), timestamp: createdAt + f[5] });
  }
  return {
    orderId: doc[0],
    agentId: strings.of(doc[1]),
    seq: doc[2],
    clientOrderId: doc[3],
    symbol,
    side,
    type,
    quantity: doc[7],
    price: doc[8],
    qtyDecimals: doc[9],
    status: strings.of(doc[10]),
    filledQuantity: doc[11],
    filledNotional: doc[12],
    fees: doc[13],
    fills,
    reserved: doc[14],
    rejectReason: doc[15],
    createdAt,
    updatedAt: createdAt + doc[17],
    request: request === null ? null : { symbol, side, type, quantity: request[0], price: request[1] },
  };
}
