// serialize.ts's iso() keeps the last instant it formatted (most of a busy mock's timestamps are
// the same millisecond): its answers must stay exactly Date.prototype.toISOString's, repeats,
// changes and the refusal of an invalid time included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso } from '../../src/mock/http/serialize.js';

const instant = fc.integer({ min: -8.64e15, max: 8.64e15 });

describe('iso()', () => {
  it('equals toISOString for any sequence of instants, repeated or not', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(instant, fc.constantFrom(0, 1, 1_767_614_400_000)), { minLength: 1, maxLength: 40 }), (times) => {
        for (const ms of times) expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('still throws on an invalid time, also right after a valid one', () => {
    iso(1_767_614_400_000);
    expect(() => iso(Number.NaN)).toThrow(RangeError);
    expect(() => iso(Number.NaN)).toThrow(RangeError);
    expect(iso(1_767_614_400_000)).toBe('2026-01-05T12:00:00.000Z');
  });
});
