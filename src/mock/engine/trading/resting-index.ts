// Per-symbol index of resting limit orders, sorted so that the orders a price path crosses are
// always a prefix: buys by price descending (a low of L crosses every buy ≥ L), sells ascending.
// Ties break on creation sequence, which makes the order total and settle() order-of-creation.
import { SortedList } from './sorted-list.js';
import type { OrderState } from './types.js';

export interface SymbolBook {
  buys: SortedList<OrderState>;
  sells: SortedList<OrderState>;
}

const byBuyPriority = (a: OrderState, b: OrderState): number =>
  (b.price ?? 0) - (a.price ?? 0) || a.seq - b.seq;
const bySellPriority = (a: OrderState, b: OrderState): number =>
  (a.price ?? 0) - (b.price ?? 0) || a.seq - b.seq;

export class RestingIndex {
  private readonly books = new Map<string, SymbolBook>();

  add(order: OrderState): void {
    let book = this.books.get(order.symbol);
    if (!book) {
      book = { buys: new SortedList(byBuyPriority), sells: new SortedList(bySellPriority) };
      this.books.set(order.symbol, book);
    }
    (order.side === 'buy' ? book.buys : book.sells).insert(order);
  }

  /** Must be called before the order's price/seq change (the sort key). */
  remove(order: OrderState): boolean {
    const book = this.books.get(order.symbol);
    if (!book) return false;
    return (order.side === 'buy' ? book.buys : book.sells).remove(order);
  }

  /** Symbols that currently have resting orders, in first-use order (deterministic). */
  *nonEmpty(): IterableIterator<[string, SymbolBook]> {
    for (const entry of this.books) {
      if (entry[1].buys.size + entry[1].sells.size > 0) yield entry;
    }
  }

  get size(): number {
    let n = 0;
    for (const book of this.books.values()) n += book.buys.size + book.sells.size;
    return n;
  }

  clear(): void {
    this.books.clear();
  }
}
