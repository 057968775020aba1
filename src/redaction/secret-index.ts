// Known credentials (API secrets, webhook secrets, API key bodies), indexed by every run of
// RUN characters so that text can be searched for any piece of any of them in one pass.
// The promise this serves: no RUN-character run of a known secret survives redaction, wherever
// it sits (a whole secret, half of one, one cut by a clip or split by escapes).
// Cost, since the journal searches every body it keeps: a rolling hash and one bit test per
// character of text; a table probe and a string compare only on a likely hit. Memory, since a
// mock may hold 10 000 agents: typed arrays only, about 10 bytes per indexed run.

/** The shortest run of a secret that counts as a leak. */
export const RUN = 8;

const BASE = 0x01000193; // FNV prime: odd, so multiplication by it is invertible mod 2^32
const BASE_POW = powMod32(BASE, RUN - 1);
const MAX_OFFSET = 256; // runs are indexed in the first 263 characters of a secret

function powMod32(base: number, exp: number): number {
  let out = 1;
  for (let i = 0; i < exp; i++) out = Math.imul(out, base);
  return out;
}

/** Hash of s[at, at + RUN) (charCodes, polynomial mod 2^32). */
function hashAt(s: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + RUN; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  return h;
}

export class SecretIndex {
  private readonly secrets: string[] = [];
  private readonly known = new Set<string>();
  /** Secrets shorter than RUN (test fakes): searched for whole. */
  private readonly short: string[] = [];
  /** Open addressing by hash: secret number * MAX_OFFSET + offset + 1 of each distinct run; 0 = empty. */
  private table = new Int32Array(1 << 10);
  private runs = 0;
  /** One bit per hash value (low bits), at least 16 bits per run: most text misses it at once. */
  private filter = new Int32Array(1 << 11);

  /** Adds a credential; repeats and empty strings are ignored. */
  add(secret: string): void {
    if (secret === '' || this.known.has(secret)) return;
    this.known.add(secret);
    if (secret.length < RUN) {
      this.short.push(secret);
      return;
    }
    const id = this.secrets.length;
    this.secrets.push(secret);
    // The same rolling hash as scan(): one multiply per character instead of RUN per offset.
    let h = hashAt(secret, 0);
    for (let at = 0; at + RUN <= secret.length && at < MAX_OFFSET; at++) {
      if (at > 0) h = (Math.imul((h - Math.imul(secret.charCodeAt(at - 1), BASE_POW)) | 0, BASE) + secret.charCodeAt(at + RUN - 1)) | 0;
      if (this.find(secret, at, h)) continue; // the same run from another secret: one is enough
      if ((this.runs + 1) * 4 > this.table.length * 3) this.grow();
      this.put(h, id * MAX_OFFSET + at + 1);
      this.runs += 1;
    }
  }

  /**
   * Makes room for `count` more credentials of up to `length` characters at once, so that loading
   * thousands of agents from a state file sizes the table once instead of doubling it ten times.
   */
  reserve(count: number, length = 48): void {
    const runs = this.runs + count * Math.max(0, Math.min(length, MAX_OFFSET + RUN - 1) - RUN + 1);
    while (runs * 4 > this.table.length * 3) this.grow();
  }

  clear(): void {
    this.secrets.length = 0;
    this.short.length = 0;
    this.known.clear();
    this.table = new Int32Array(1 << 10);
    this.filter = new Int32Array(1 << 11);
    this.runs = 0;
  }

  get size(): number {
    return this.known.size;
  }

  /**
   * Calls onHit(start, end) for every place in s that holds a run of a known secret (runs may
   * overlap), in order; stops early when onHit returns true.
   */
  scan(s: string, onHit: (start: number, end: number) => boolean | void): void {
    for (const secret of this.short) {
      for (let at = s.indexOf(secret); at !== -1; at = s.indexOf(secret, at + 1)) if (onHit(at, at + secret.length) === true) return;
    }
    if (this.runs === 0 || s.length < RUN) return;
    const filter = this.filter;
    const bits = filter.length * 32 - 1;
    let h = hashAt(s, 0);
    for (let i = 0; ; i++) {
      const bit = h & bits;
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) !== 0 && this.find(s, i, h) && onHit(i, i + RUN) === true) return;
      if (i + RUN >= s.length) return;
      h = (Math.imul((h - Math.imul(s.charCodeAt(i), BASE_POW)) | 0, BASE) + s.charCodeAt(i + RUN)) | 0;
    }
  }

  /** True when s holds a run of a known secret anywhere. */
  carries(s: string): boolean {
    let found = false;
    if (this.known.size > 0) this.scan(s, () => (found = true));
    return found;
  }

  /** Whether s[at, at + RUN), whose hash is h, is an indexed run. */
  private find(s: string, at: number, h: number): boolean {
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const ref = this.table[slot]!;
      if (ref === 0) return false;
      const secret = this.secrets[Math.floor((ref - 1) / MAX_OFFSET)] as string;
      const offset = (ref - 1) % MAX_OFFSET;
      let k = 0;
      while (k < RUN && s.charCodeAt(at + k) === secret.charCodeAt(offset + k)) k++;
      if (k === RUN) return true;
    }
  }

  private put(h: number, ref: number): void {
    const mask = this.table.length - 1;
    let slot = h & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = ref;
    const bit = h & (this.filter.length * 32 - 1);
    this.filter[bit >>> 5]! |= 1 << (bit & 31);
  }

  /** Twice the slots (and filter bits), every run placed again. */
  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.filter = new Int32Array(Math.max(this.filter.length, old.length)); // 16 bits per slot
    for (const ref of old) {
      if (ref === 0) continue;
      const secret = this.secrets[Math.floor((ref - 1) / MAX_OFFSET)] as string;
      this.put(hashAt(secret, (ref - 1) % MAX_OFFSET), ref);
    }
  }
}
