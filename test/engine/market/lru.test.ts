// The price path's bounded caches (CLOCK eviction): never more than `capacity` entries, a hit
// returns what was stored, and an entry read since the hand last passed survives an eviction
// that takes an unread one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lru } from '../../../src/mock/engine/market/lru.js';

describe('Lru', () => {
  it('keeps at most capacity entries and answers every hit with the value last stored', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 40 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(op, { maxLength: 300 }), (capacity, ops) => {
        const lru = new Lru<number, number>(capacity);
        const last = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === 'set') {
            lru.set(o.key, o.value);
            last.set(o.key, o.value);
            // What was just stored is there until something else is stored.
            expect(lru.get(o.key)).toBe(o.value);
          } else {
            const got = lru.get(o.key);
            if (got !== undefined) expect(got).toBe(last.get(o.key));
          }
          expect(lru.size).toBeLessThanOrEqual(capacity);
        }
      }),
    );
  });

  it('gives a recently read entry a second chance and evicts one nobody read', () => {
    const lru = new Lru<string, number>(3);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3);
    lru.get('a'); // read: survives the next eviction
    lru.set('d', 4); // the hand passes 'a' (clearing its bit) and takes 'b', which nobody read
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([1, 3, 4]);
    expect(lru.size).toBe(3);
  });

  it('evicts in insertion order when nothing is read (a scan does not pin old entries)', () => {
    const lru = new Lru<number, number>(4);
    for (let i = 0; i < 10; i++) lru.set(i, i);
    expect([...Array(10).keys()].filter((k) => lru.get(k) !== undefined)).toEqual([6, 7, 8, 9]);
  });

  it('updates a present key in place', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('a', 2);
    expect(lru.size).toBe(1);
    expect(lru.get('a')).toBe(2);
  });

  it('computes a missing value once in getOrCreate', () => {
    const lru = new Lru<string, { n: number }>(2);
    let calls = 0;
    const make = () => ({ n: ++calls });
    const first = lru.getOrCreate('k', make);
    expect(lru.getOrCreate('k', make)).toBe(first);
    expect(calls).toBe(1);
  });

  it('refuses a capacity that bounds nothing', () => {
    expect(() => new Lru(0)).toThrow(/positive integer/);
  });
});
