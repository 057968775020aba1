// Random identifiers from the injected Rng (never Math.random), so ids are reproducible per seed.
import type { Rng } from '../types.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Ids are built with join(), not `+=`: concatenation leaves V8 cons-string trees (~140 extra
// bytes per 24-character id), and 100k order ids are kept for the life of the mock.
/** Two lower-case hex digits per byte value (every order and fill id is built from these). */
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function randomHex(rng: Rng, length: number, prefix = ''): string {
  const parts = [prefix];
  // 16 bits per draw: a quarter of the Rng calls of one draw per character. The draw's four hex
  // digits, from a table rather than toString(16) and padding (a few % of placing an order).
  for (let n = 0; n < length; n += 4) {
    const v = rng.int(0, 0xffff);
    const hi = BYTE_HEX[v >> 8] as string;
    const lo = BYTE_HEX[v & 0xff] as string;
    if (length - n >= 4) parts.push(hi, lo);
    else parts.push(`${hi}${lo}`.slice(0, length - n));
  }
  return parts.join('');
}

export function randomBase62(rng: Rng, length: number): string {
  const chars: string[] = [];
  for (let i = 0; i < length; i++) chars.push(BASE62[rng.int(0, 61)] as string);
  return chars.join('');
}

export const KEY_BODY_PATTERN = /^[A-Za-z0-9]{32}$/;

export function keyPrefix(mode: 'sandbox' | 'live'): string {
  return mode === 'live' ? 'nx_live_' : 'nx_test_';
}

/** `nx_test_<32 base62>` / `nx_live_<32 base62>`; the body comes from keySource. */
export function makeApiKey(mode: 'sandbox' | 'live', body: string): string {
  if (!KEY_BODY_PATTERN.test(body)) {
    throw new RangeError(`keySource must return 32 base62 characters, got ${JSON.stringify(body)}`);
  }
  return [keyPrefix(mode), body].join(''); // flat, not a cons string (see randomHex)
}

/**
 * A stable 24-hex id derived from a string (FNV-1a, three differently-seeded passes). Used for
 * the demo agent so its id survives reset() regardless of how far the Rng has advanced.
 */
export function stableHexId(input: string): string {
  let out = '';
  for (const seed of [0x811c9dc5, 0x01000193, 0x9e3779b9]) {
    let h = seed >>> 0;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}
