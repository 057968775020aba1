// The Date header is built once per clock second (src/mock/http/http-date.ts). It must be the
// text new Date(now).toUTCString() gives for every instant, whatever order the instants come in
// (a virtual clock may be set backwards), and it must follow the injected clock through the mock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpDate } from '../../src/mock/http/http-date.js';
import { createTestMock, T0 } from '../helpers/test-mock.js';

const T0_MS = Date.parse(T0);
const YEAR = 365 * 86_400_000;

describe('httpDate', () => {
  it('gives the uncached text for every instant, in any order, within and across seconds', () => {
    // Steps of a few hundred ms stay in one second or cross into the next; jumps go anywhere.
    const step = fc.oneof(fc.integer({ min: -1_500, max: 1_500 }), fc.integer({ min: -2 * YEAR, max: 2 * YEAR }));
    fc.assert(
      fc.property(fc.integer({ min: T0_MS - YEAR, max: T0_MS + YEAR }), fc.array(step, { maxLength: 60 }), (start, steps) => {
        let t = start;
        for (const s of [0, ...steps]) {
          t += s;
          expect(httpDate(t)).toBe(new Date(t).toUTCString());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('changes exactly when the second changes', () => {
    const base = T0_MS + 999; // the last millisecond of a second
    expect(httpDate(base - 999)).toBe(httpDate(base));
    expect(httpDate(base + 1)).not.toBe(httpDate(base));
    expect(httpDate(base + 1)).toBe(new Date(base + 1).toUTCString());
    expect(httpDate(base)).toBe(new Date(base).toUTCString()); // back again
  });
});

describe('the Date header of the mock', () => {
  it('follows the virtual clock: the same within a second, the next one after it, and backwards', async () => {
    const { ctx, call, register } = createTestMock();
    const bot = await register();
    const dateAt = async () => (await call('GET', '/me', { as: bot })).headers.date as string;
    ctx.clock.set(T0_MS + 100);
    const first = await dateAt();
    expect(first).toBe(new Date(T0_MS).toUTCString());
    ctx.clock.advance(899); // T0 + 999 ms: still the same second
    expect(await dateAt()).toBe(first);
    ctx.clock.advance(1); // the next second
    expect(await dateAt()).toBe(new Date(T0_MS + 1_000).toUTCString());
    ctx.clock.set(T0_MS - 86_400_000 + 500); // a day back
    expect(await dateAt()).toBe(new Date(T0_MS - 86_400_000).toUTCString());
  });
});
