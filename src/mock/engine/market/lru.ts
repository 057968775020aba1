// A bounded cache with CLOCK (second-chance) eviction: an approximation of LRU whose hits cost
// one Map lookup and a bit write. (The Map-order LRU it replaces deleted and re-inserted the key on
// every hit, in Maps of up to 65k entries: 10 % of GET /market's CPU.) Bounds the memory of the
// price path's per-block caches however far apart queries are: never more than `capacity` entries.
//
// Entries sit in a ring of slots. A hit sets the slot's reference bit. To make room, the hand
// sweeps the ring: a slot whose bit is set loses the bit and is passed over (its second chance),
// the first slot without one is reused. So an entry read since the hand last passed survives,
// and one nobody read is evicted within one sweep.
export class Lru<K, V> {
  private readonly index = new Map<K, number>();
  private readonly keys: K[] = [];
  private readonly values: V[] = [];
  private readonly referenced: Uint8Array;
  private hand = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Lru capacity must be a positive integer, got ${capacity}`);
    this.referenced = new Uint8Array(capacity);
  }

  get(key: K): V | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) return undefined;
    this.referenced[slot] = 1;
    return this.values[slot];
  }

  set(key: K, value: V): void {
    const found = this.index.get(key);
    if (found !== undefined) {
      this.values[found] = value;
      this.referenced[found] = 1;
      return;
    }
    if (this.keys.length < this.capacity) {
      this.index.set(key, this.keys.length);
      this.keys.push(key);
      this.values.push(value);
      return;
    }
    const slot = this.victim();
    this.index.delete(this.keys[slot] as K);
    this.index.set(key, slot);
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  /** get, or compute and remember. */
  getOrCreate(key: K, create: () => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const v = create();
    this.set(key, v);
    return v;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The slot to reuse: the first one from the hand on that was not read since the hand last passed. */
  private victim(): number {
    for (;;) {
      const slot = this.hand;
      this.hand = slot + 1 === this.capacity ? 0 : slot + 1;
      if (this.referenced[slot] === 0) return slot;
      this.referenced[slot] = 0;
    }
  }
}
