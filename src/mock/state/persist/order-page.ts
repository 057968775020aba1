// A page of orders (state-docs.ts) as columns: one JSON array per field instead of one array per
// order. A restart reads 100 000 orders, and how they parse decides its time: a column of numbers
// parses into one unboxed array (a row mixes strings, numbers and nulls, so each number becomes a
// heap object of its own, garbage a moment later), agents are indexes into the page's list of
// agent ids (each id is parsed once per page, not once per order), and fills are columns too.
// The row pages of document format 1 are still read (decodeOrderPage in order-doc.ts).
import type { OrderData } from '../../engine/index.js';
import type { FillView, Liquidity, OrderSide, OrderStatus, OrderType } from '../../engine/trading/types.js';
import { decodeOrderPage, type Strings } from './order-doc.js';

/** Marks a page as columns (a page of rows starts with an order, an array). */
const COLUMNS = 2;

type Columns = [
  format: typeof COLUMNS,
  agentIds: string[],
  orderId: string[],
  agent: number[],
  seq: number[],
  clientOrderId: Array<string | null>,
  symbol: string[],
  side: OrderSide[],
  type: OrderType[],
  quantity: number[],
  price: Array<number | null>,
  qtyDecimals: number[],
  status: OrderStatus[],
  filledQuantity: number[],
  filledNotional: number[],
  fees: number[],
  reserved: number[],
  rejectReason: Array<string | null>,
  createdAt: number[],
  /** updatedAt - createdAt (mostly 0). */
  updatedAfter: number[],
  /** What it was placed with when a clientOrderId may replay it; symbol, side and type never change. */
  request: Array<[quantity: number, price: number | null] | null>,
  fillCount: number[],
  fillId: string[],
  fillPrice: number[],
  fillQuantity: number[],
  fillFee: number[],
  fillLiquidity: Liquidity[],
  /** timestamp - the order's createdAt. */
  fillAfter: number[],
];

export function encodeOrderPage(orders: readonly OrderData[]): string {
  const agentIds: string[] = [];
  const agentIndex = new Map<string, number>();
  const c: Columns = [COLUMNS, agentIds, [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []];
  for (const o of orders) {
    let agent = agentIndex.get(o.agentId);
    if (agent === undefined) agentIndex.set(o.agentId, (agent = agentIds.push(o.agentId) - 1));
    c[2].push(o.orderId);
    c[3].push(agent);
    c[4].push(o.seq);
    c[5].push(o.clientOrderId);
    c[6].push(o.symbol);
    c[7].push(o.side);
    c[8].push(o.type);
    c[9].push(o.quantity);
    c[10].push(o.price);
    c[11].push(o.qtyDecimals);
    c[12].push(o.status);
    c[13].push(o.filledQuantity);
    c[14].push(o.filledNotional);
    c[15].push(o.fees);
    c[16].push(o.reserved);
    c[17].push(o.rejectReason);
    c[18].push(o.createdAt);
    c[19].push(o.updatedAt - o.createdAt);
    c[20].push(o.request === null ? null : [o.request.quantity, o.request.price]);
    c[21].push(o.fills.length);
    for (const f of o.fills) {
      c[22].push(f.fillId);
      c[23].push(f.price);
      c[24].push(f.quantity);
      c[25].push(f.fee);
      c[26].push(f.liquidity);
      c[27].push(f.timestamp - o.createdAt);
    }
  }
  return JSON.stringify(c);
}

/** Appends a page's orders (columns, or rows of format 1) to `into`. */
export function decodeAnyOrderPage(text: string, strings: Strings, into: OrderData[]): void {
  const parsed = JSON.parse(text) as Columns | unknown[];
  if (parsed[0] !== COLUMNS) return void decodeOrderPage(text, strings, into);
  const c = parsed as Columns;
  const agents = c[1].map((id) => strings.of(id));
  let f = 0;
  for (let i = 0; i < c[2].length; i++) {
    const createdAt = c[18][i] as number;
    const symbol = strings.of(c[6][i] as string);
    const side = strings.of(c[7][i] as OrderSide);
    const type = strings.of(c[8][i] as OrderType);
    const fills: FillView[] = [];
    for (const end = f + (c[21][i] as number); f < end; f++) {
      // Field by field, in the engine's order (fill.ts), like the order below (place-order.ts).
      fills.push({ fillId: c[22][f] as string, price: c[23][f] as number, quantity: c[24][f] as number, fee: c[25][f] as number, liquidity: strings.of(c[26][f] as Liquidity), timestamp: createdAt + (c[27][f] as number) });
    }
    const request = c[20][i] ?? null;
    into.push({
      orderId: c[2][i] as string,
      agentId: agents[c[3][i] as number] as string,
      seq: c[4][i] as number,
      clientOrderId: c[5][i] ?? null,
      symbol,
      side,
      type,
      quantity: c[9][i] as number,
      price: c[10][i] ?? null,
      qtyDecimals: c[11][i] as number,
      status: strings.of(c[12][i] as OrderStatus),
      filledQuantity: c[13][i] as number,
      filledNotional: c[14][i] as number,
      fees: c[15][i] as number,
      fills,
      reserved: c[16][i] as number,
      rejectReason: c[17][i] ?? null,
      createdAt,
      updatedAt: createdAt + (c[19][i] as number),
      request: request === null ? null : { symbol, side, type, quantity: request[0], price: request[1] },
    });
  }
}
