// Seeded randomness for the engine. Two flavours:
//  - createRng(seed): a sequential generator (sfc32 seeded through cyrb128), for things that are
//    naturally drawn in order (ids, test fixtures).
//  - hash32 / hashToUnit / hash4 / normalFromHash: pure hashes of their inputs. The market model
//    uses these so that every random quantity is a function of (seed, coin, time index) and can be
//    computed for any time without replaying a sequence from the epoch.
import type { Rng, RngState } from './types.js';

const TWO_32 = 4294967296;

/** cyrb128 (bryc, public domain): a string to four well-mixed 32-bit words, used to seed sfc32. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) over a 4-word state it mutates. */
function sfc32(s: Uint32Array): () => number {
  return () => {
    const a = s[0] as number, b = s[1] as number, c = s[2] as number, d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
}

/**
 * A seeded generator. Numbers and strings are seeded through their decimal string form, so
 * createRng(42) and createRng('42') are the same stream (a CLI passes seeds as strings).
 */
export function createRng(seed: number | string): Rng & Required<Pick<Rng, 'save' | 'restore'>> {
  const state = Uint32Array.from(cyrb128(String(seed)));
  const u32 = sfc32(state);
  for (let i = 0; i < 15; i++) u32(); // recommended warm-up: decorrelates similar seeds
  let spare: number | undefined;
  const next = (): number => u32() / TWO_32;
  return {
    next,
    int(min: number, max: number): number {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
        throw new RangeError(`int(min, max) needs safe integers with min <= max, got (${min}, ${max})`);
      }
      // 53 random bits so spans beyond 2^32 are still covered uniformly (enough for our use).
      const unit = (u32() * 2097152 + (u32() >>> 11)) / 9007199254740992;
      return min + Math.floor(unit * (max - min + 1));
    },
    normal(): number {
      // Box–Muller produces pairs; keep the second one for the next call.
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return z;
      }
      const u1 = (u32() + 1) / TWO_32; // (0, 1]: log is finite
      const u2 = next();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
    save: () => ({ words: [...state] as RngState['words'], spare: spare ?? null }),
    restore(saved) {
      const words = saved?.words;
      if (!Array.isArray(words) || words.length !== 4 || !words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
        throw new RangeError('a generator state needs words: four unsigned 32-bit integers');
      }
      if (saved.spare !== null && !Number.isFinite(saved.spare)) throw new RangeError('a generator state needs spare: a finite number or null');
      state.set(words);
      spare = saved.spare ?? undefined;
    },
  };
}

/** cyrb53 (bryc, public domain) of a string: a 53-bit unsigned integer. */
function cyrb53(str: string): number {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return TWO_32 * (2097151 & h2) + (h1 >>> 0);
}

// Parts are joined with a unit separator so ('ab', 'c') and ('a', 'bc') hash differently.
// Numbers use their decimal string form: hash32(42) === hash32('42').
const key = (parts: readonly (string | number)[]): string => parts.map(String).join('\u001f');

/** Pure 32-bit hash of arbitrary parts. */
export function hash32(...parts: (string | number)[]): number {
  return cyrb53(key(parts)) % TWO_32;
}

/** Pure hash of arbitrary parts to a uniform number in [0, 1) with 53 bits of resolution. */
export function hashToUnit(...parts: (string | number)[]): number {
  return cyrb53(key(parts)) / 9007199254740992;
}

/** MurmurHash3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * MurmurHash3 (x86, 32-bit) of four 32-bit words, no allocation: the hot-path hash of the
 * market model. Inputs are taken modulo 2^32.
 */
export function hash4(a: number, b: number, c: number, d: number): number {
  return hashFinish(hashPrefix(a, b, c), d);
}

/** The state of hash4 after its first three words: hash4(a,b,c,d) === hashFinish(hashPrefix(a,b,c), d). */
export function hashPrefix(a: number, b: number, c: number): number {
  return mixWord(mixWord(mixWord(0, a), b), c);
}

/** Completes hash4 from a hashPrefix state; lets a loop over d skip re-mixing the constant words. */
export function hashFinish(prefix: number, d: number): number {
  return fmix32(mixWord(prefix, d) ^ 16);
}

/** A uint32 hash to [0, 1). */
export const unitFromHash = (h: number): number => h / TWO_32;

/** The largest |quickNormalFromHash(h)| over all h (bytes all 0 or all 255): its tails are bounded. */
export const QUICK_NORMAL_MAX = 510 / 147.80054127099805;

/** The largest |normalFromHash(h)| over all h: u1 ≥ 2^-32, so the Box–Muller radius is at most sqrt(64 ln 2). */
export const NORMAL_FROM_HASH_MAX = Math.sqrt(-2 * Math.log(1 / TWO_32));

/**
 * A uint32 hash to an approximately standard normal deviate: the Irwin–Hall sum of its four bytes,
 * standardised. Five times cheaper than Box–Muller and bounded to about ±3.5; used for per-minute
 * increments, where the sum over many minutes is Gaussian anyway.
 */
export function quickNormalFromHash(h: number): number {
  const sum = (h & 255) + ((h >>> 8) & 255) + ((h >>> 16) & 255) + (h >>> 24);
  return (sum - 510) / 147.80054127099805; // mean 4*127.5, sd sqrt(4*(256^2-1)/12)
}

/** A uint32 hash to a standard normal deviate (Box–Muller; the second uniform is fmix32 of the first hash). */
export function normalFromHash(h: number): number {
  const u1 = (h + 1) / TWO_32; // (0, 1]
  const u2 = fmix32(h ^ 0x5bd1e995) / TWO_32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * The market path's per-minute draws in one call: for i in 0..n-1, x = hashFinish(prefix, base | i)
 * gives a quick normal (accumulated into walk[i + 1], walk[0] untouched) and, re-mixed, a uniform
 * (uniform[i]). Returns the final walk sum. One call per simulated hour instead of four per minute
 * keeps the hot loop inside this module, where V8 inlines it (cross-module calls cost more under
 * test runners that wrap modules).
 */
export function fillHashedDraws(prefix: number, base: number, n: number, walk: Float64Array, uniform: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = hashFinish(prefix, base | i);
    sum += quickNormalFromHash(x);
    walk[i + 1] = sum;
    uniform[i] = fmix32(x ^ 0x68e31da4) / TWO_32;
  }
  return sum;
}
