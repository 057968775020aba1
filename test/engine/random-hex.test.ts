// randomHex builds ids from a byte table (issue 16: it was a few % of placing an order). Ids must
// stay byte-identical to what the seed gave before: the draw's value as four lower-case hex
// digits, zero-padded, cut to the length asked for, after the prefix.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomHex } from '../../src/mock/engine/agents/make-key.js';
import { createRng } from '../../src/mock/engine/random.js';

/** The former formula, over the same draws. */
function reference(seed: string, length: number, prefix: string): string {
  const rng = createRng(seed);
  let out = prefix;
  for (let n = 0; n < length; n += 4) out += rng.int(0, 0xffff).toString(16).padStart(4, '0').slice(0, Math.min(4, length - n));
  return out;
}

describe('randomHex', () => {
  it('gives the ids the seed gave before, for every length and prefix', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 41 }), fc.constantFrom('', 'ord_', 'fill_'), (seed, length, prefix) => {
        const id = randomHex(createRng(seed), length, prefix);
        expect(id).toBe(reference(seed, length, prefix));
        expect(id).toMatch(new RegExp(`^${prefix}[0-9a-f]{${length}}$`));
      }),
    );
  });

  it('pads small draws with zeros (the table covers every byte)', () => {
    const rng = { int: () => 0x00a5 } as unknown as Parameters<typeof randomHex>[0];
    expect(randomHex(rng, 6, 'x_')).toBe('x_00a500');
  });
});
