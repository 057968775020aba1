// A sorted list stored as a list of small sorted chunks (the "sortedcontainers" layout).
// Why not one array with binary insertion: splice on a 100k-element array is an O(n) memmove per
// order, so resting 100k orders in one book turns quadratic. Here a binary search over chunk maxima
// picks the chunk (O(log n)) and the splice only moves ≤ 2·LOAD elements, so insert, remove and
// prefix-take cost O(log n) plus a small constant. Fully deterministic (no random priorities).

const LOAD = 256;

export class SortedList<T> {
  private chunks: T[][] = [];
  private maxes: T[] = [];
  private count = 0;

  /** `compare` must be a total order (no two distinct items compare equal) so remove() is exact. */
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  insert(item: T): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      this.maxes.push(item);
      return;
    }
    let ci = this.chunkFor(item);
    if (ci === this.chunks.length) ci--; // larger than everything: append to the last chunk
    const chunk = this.chunks[ci] as T[];
    chunk.splice(this.lowerBound(chunk, item), 0, item);
    this.maxes[ci] = chunk[chunk.length - 1] as T;
    if (chunk.length > 2 * LOAD) {
      const tail = chunk.splice(LOAD);
      this.chunks.splice(ci + 1, 0, tail);
      this.maxes.splice(ci, 1, chunk[chunk.length - 1] as T, tail[tail.length - 1] as T);
    }
  }

  /** Removes the item that compares equal to `item`; returns whether it was present. */
  remove(item: T): boolean {
    const ci = this.chunkFor(item);
    const chunk = this.chunks[ci];
    if (!chunk) return false;
    const i = this.lowerBound(chunk, item);
    const found = chunk[i];
    if (found === undefined || this.compare(found, item) !== 0) return false;
    chunk.splice(i, 1);
    this.count--;
    if (chunk.length === 0) {
      this.chunks.splice(ci, 1);
      this.maxes.splice(ci, 1);
    } else {
      this.maxes[ci] = chunk[chunk.length - 1] as T;
    }
    return true;
  }

  /** Removes and returns the longest prefix whose items all satisfy `pred` (pred must be monotone). */
  takeWhile(pred: (item: T) => boolean): T[] {
    const out: T[] = [];
    while (this.chunks.length > 0) {
      const chunk = this.chunks[0] as T[];
      let n = 0;
      while (n < chunk.length && pred(chunk[n] as T)) n++;
      if (n === 0) break;
      for (let i = 0; i < n; i++) out.push(chunk[i] as T);
      this.count -= n;
      if (n === chunk.length) {
        this.chunks.shift();
        this.maxes.shift();
        continue;
      }
      chunk.splice(0, n);
      break;
    }
    return out;
  }

  first(): T | undefined {
    return this.chunks[0]?.[0];
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (const chunk of this.chunks) yield* chunk;
  }

  toArray(): T[] {
    return ([] as T[]).concat(...this.chunks);
  }

  clear(): void {
    this.chunks = [];
    this.maxes = [];
    this.count = 0;
  }

  /** Index of the first chunk whose max is ≥ item (chunks.length if none). */
  private chunkFor(item: T): number {
    let lo = 0;
    let hi = this.maxes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.maxes[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(chunk: T[], item: T): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(chunk[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
