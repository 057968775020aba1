// Known credentials (API secrets, webhook secrets, API key bodies), indexed so that text can be
// searched for any piece of any of them in one pass. The promise this serves: no RUN-character
// run of a known secret survives redaction, wherever it sits (a whole secret, half of one, one
// cut by a clip or split by escapes).
// How: every GRAM-character piece of a secret that starts at a multiple of STRIDE is indexed.
// Any RUN-character run of a secret contains exactly one such piece (GRAM + STRIDE - 1 = RUN),
// so a rolling hash over the text finds every run; a hit is confirmed by comparing outwards.
// Cost, since the journal searches every body it keeps: a hash update and a bit test per
// character of text. Memory, since a mock may hold 10 000 agents: typed arrays, about 16 bytes
// per indexed piece, a quarter as many pieces as characters.

/** The shortest run of a secret that counts as a leak. */
export const RUN = 8;
const GRAM = 5;
const STRIDE = RUN - GRAM + 1;

const BASE = 0x01000193; // FNV prime: odd, so multiplication by it is invertible mod 2^32
const BASE_POW = powMod32(BASE, GRAM - 1);
const MAX_OFFSET = 256; // pieces are indexed in the first 256 characters of a secret

function powMod32(base: number, exp: number): number {
  let out = 1;
  for (let i = 0; i < exp; i++) out = Math.imul(out, base);
  return out;
}

/**
 * Fibonacci hashing: the low bits of the polynomial hash depend on the low bits of the
 * characters only, so table slots and filter bits come from the high bits of h * 2^32/φ.
 */
const spread = (h: number): number => Math.imul(h, 0x9e3779b1) >>> 0;

/** Hash of s[at, at + GRAM) (charCodes, polynomial mod 2^32). */
function hashAt(s: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + GRAM; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  return h;
}

export class SecretIndex {
  private readonly secrets: string[] = [];
  private readonly known = new Set<string>();
  /** Secrets shorter than RUN (test fakes): searched for whole. */
  private readonly short: string[] = [];
  /** Open addressing by hash: secret number * MAX_OFFSET + offset + 1 of each piece; 0 = empty. */
  private table = new Int32Array(1 << 10);
  private tableShift = 32 - 10;
  private pieces = 0;
  /** One bit per hash value, 32 per table slot: most text misses it at once. */
  private filter = new Int32Array(1 << 10);
  private filterShift = 32 - 15;
  private changes = 0;

  /** Changes whenever a credential is added or all are cleared: what redacts differently then. */
  get version(): number {
    return this.changes;
  }

  /** Adds a credential; repeats and empty strings are ignored. */
  add(secret: string): void {
    if (secret === '' || this.known.has(secret)) return;
    this.known.add(secret);
    this.changes += 1;
    if (secret.length < RUN) {
      this.short.push(secret);
      return;
    }
    const id = this.secrets.length;
    this.secrets.push(secret);
    for (let at = 0; at + GRAM <= secret.length && at < MAX_OFFSET; at += STRIDE) {
      if ((this.pieces + 1) * 4 > this.table.length * 3) this.grow();
      this.put(hashAt(secret, at), id * MAX_OFFSET + at + 1);
      this.pieces += 1;
    }
  }

  /**
   * Makes room for `count` more credentials of up to `length` characters at once, so that loading
   * thousands of agents from a state file sizes the table once instead of doubling it again and again.
   */
  reserve(count: number, length = 48): void {
    const perSecret = Math.ceil((Math.min(length, MAX_OFFSET + GRAM - 1) - GRAM + 1) / STRIDE);
    const pieces = this.pieces + count * Math.max(0, perSecret);
    while (pieces * 4 > this.table.length * 3) this.grow();
  }

  clear(): void {
    this.changes += 1;
    this.secrets.length = 0;
    this.short.length = 0;
    this.known.clear();
    this.table = new Int32Array(1 << 10);
    this.tableShift = 32 - 10;
    this.filter = new Int32Array(1 << 10);
    this.filterShift = 32 - 15;
    this.pieces = 0;
  }

  get size(): number {
    return this.known.size;
  }

  /**
   * Calls onHit(start, end) for places in s that hold a run of at least RUN characters of a
   * known secret (each such run is covered; ranges may overlap); stops when onHit returns true.
   */
  scan(s: string, onHit: (start: number, end: number) => boolean | void): void {
    for (const secret of this.short) {
      for (let at = s.indexOf(secret); at !== -1; at = s.indexOf(secret, at + 1)) if (onHit(at, at + secret.length) === true) return;
    }
    if (this.pieces === 0 || s.length < RUN) return;
    const { filter, filterShift } = this;
    let h = hashAt(s, 0);
    for (let i = 0; ; i++) {
      const bit = spread(h) >>> filterShift;
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) !== 0 && this.confirm(s, i, h, onHit)) return;
      if (i + GRAM >= s.length) return;
      h = (Math.imul((h - Math.imul(s.charCodeAt(i), BASE_POW)) | 0, BASE) + s.charCodeAt(i + GRAM)) | 0;
    }
  }

  /** True when s holds a run of a known secret anywhere. */
  carries(s: string): boolean {
    let found = false;
    if (this.known.size > 0) this.scan(s, () => (found = true));
    return found;
  }

  /**
   * For each indexed piece equal to s[at, at + GRAM): how far s and that secret agree around it;
   * a stretch of RUN or more is reported. True when onHit asked to stop.
   */
  private confirm(s: string, at: number, h: number, onHit: (start: number, end: number) => boolean | void): boolean {
    const mask = this.table.length - 1;
    for (let slot = spread(h) >>> this.tableShift; ; slot = (slot + 1) & mask) {
      const ref = this.table[slot]!;
      if (ref === 0) return false;
      const secret = this.secrets[Math.floor((ref - 1) / MAX_OFFSET)] as string;
      const offset = (ref - 1) % MAX_OFFSET;
      let right = 0;
      while (at + right < s.length && offset + right < secret.length && s.charCodeAt(at + right) === secret.charCodeAt(offset + right)) right++;
      if (right < GRAM) continue; // another piece with the same hash
      let left = 0;
      while (left < at && left < offset && s.charCodeAt(at - left - 1) === secret.charCodeAt(offset - left - 1)) left++;
      if (left + right >= RUN && onHit(at - left, at + right) === true) return true;
    }
  }

  private put(h: number, ref: number): void {
    const mask = this.table.length - 1;
    let slot = spread(h) >>> this.tableShift;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = ref;
    const bit = spread(h) >>> this.filterShift;
    this.filter[bit >>> 5]! |= 1 << (bit & 31);
  }

  /** Twice the slots (and filter bits), every piece placed again. */
  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.tableShift -= 1;
    this.filter = new Int32Array(this.table.length); // 32 bits per slot
    this.filterShift -= 1;
    for (const ref of old) {
      if (ref === 0) continue;
      const secret = this.secrets[Math.floor((ref - 1) / MAX_OFFSET)] as string;
      this.put(hashAt(secret, (ref - 1) % MAX_OFFSET), ref);
    }
  }
}
