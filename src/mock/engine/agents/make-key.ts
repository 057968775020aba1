// Random identifiers from the injected Rng (never Math.random), so ids are reproducible per seed.
import type { Rng } from '../types.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomHex(rng: Rng, length: number): string {
  let out = '';
  // 16 bits per draw: a quarter of the Rng calls of one draw per character.
  while (out.length < length) out += rng.int(0, 0xffff).toString(16).padStart(4, '0');
  return out.slice(0, length);
}

export function randomBase62(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[rng.int(0, 61)];
  return out;
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
  return keyPrefix(mode) + body;
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
