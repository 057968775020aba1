import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedList } from '../../../src/mock/engine/trading/sorted-list.js';

interface Item {
  p: number;
  s: number;
}
const cmp = (a: Item, b: Item) => a.p - b.p || a.s - b.s;

describe('SortedList', () => {
  it('matches a reference sorted array under random inserts, removes and prefix takes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('insert' as const), p: fc.integer({ min: 0, max: 50 }) }),
            fc.record({ op: fc.constant('remove' as const), i: fc.nat() }),
            fc.record({ op: fc.constant('take' as const), p: fc.integer({ min: 0, max: 50 }) }),
          ),
          { maxLength: 3000 },
        ),
        (ops) => {
          const list = new SortedList<Item>(cmp);
          let ref: Item[] = [];
          let seq = 0;
          for (const o of ops) {
            if (o.op === 'insert') {
              const item = { p: o.p, s: seq++ };
              list.insert(item);
              ref.push(item);
              ref.sort(cmp);
            } else if (o.op === 'remove') {
              const victim = ref[o.i % Math.max(1, ref.length)];
              if (victim) {
                expect(list.remove(victim)).toBe(true);
                ref = ref.filter((x) => x !== victim);
                expect(list.remove(victim)).toBe(false);
              }
            } else {
              const taken = list.takeWhile((x) => x.p <= o.p);
              const cut = ref.findIndex((x) => x.p > o.p);
              const expected = cut === -1 ? ref : ref.slice(0, cut);
              expect(taken).toEqual(expected);
              ref = cut === -1 ? [] : ref.slice(cut);
            }
            expect(list.size).toBe(ref.length);
          }
          expect(list.toArray()).toEqual(ref);
          expect([...list]).toEqual(ref);
          expect(list.first()).toBe(ref[0]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits chunks and stays sorted for large inputs', () => {
    const list = new SortedList<Item>(cmp);
    for (let i = 0; i < 5000; i++) list.insert({ p: (i * 7919) % 1000, s: i });
    const arr = list.toArray();
    for (let i = 1; i < arr.length; i++) expect(cmp(arr[i - 1] as Item, arr[i] as Item)).toBeLessThan(0);
    expect(list.takeWhile(() => true)).toHaveLength(5000);
    expect(list.size).toBe(0);
  });
});
