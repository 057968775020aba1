import { describe, expect, it } from 'vitest';
import { ClockNotControllableError, ClockSpecError, createClock, parseIsoInstant } from '../../src/mock/engine/clock.js';

const T = Date.UTC(2025, 0, 1);

describe('createClock', () => {
  it('defaults to the real clock, read through the injected realNow', () => {
    let now = 1000;
    const clock = createClock(undefined, () => now);
    expect(clock.kind).toBe('real');
    expect(clock.now()).toBe(1000);
    now = 2000;
    expect(clock.now()).toBe(2000);
    expect(createClock('real', () => 5).now()).toBe(5);
  });

  it('the default realNow is the wall clock', () => {
    const clock = createClock('real');
    const before = Date.now();
    const now = clock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('fixed: always the same instant, and cannot be moved', () => {
    const clock = createClock('fixed:2025-01-01T00:00:00Z', () => 1);
    expect(clock.kind).toBe('fixed');
    expect(clock.now()).toBe(T);
    expect(clock.now()).toBe(T);
    expect(() => clock.advance(1)).toThrow(ClockNotControllableError);
    expect(() => clock.set(T + 1)).toThrow(/--clock virtual:/);
  });

  it('real clocks cannot be moved either', () => {
    const clock = createClock('real', () => 1);
    expect(() => clock.advance(1)).toThrow(/only a virtual clock/);
    expect(() => clock.set(5)).toThrow(ClockNotControllableError);
  });

  it('virtual: starts at the instant and moves only when told', () => {
    const clock = createClock('virtual:2025-01-01T00:00:00.000Z');
    expect(clock.kind).toBe('virtual');
    expect(clock.now()).toBe(T);
    expect(clock.now()).toBe(T);
    clock.advance(60_000);
    expect(clock.now()).toBe(T + 60_000);
    clock.advance(0);
    expect(clock.now()).toBe(T + 60_000);
    clock.set(T + 5);
    expect(clock.now()).toBe(T + 5);
    clock.set(T - 10); // rewinding with set() is allowed (documented)
    expect(clock.now()).toBe(T - 10);
  });

  it('virtual: advance never goes backwards and only takes integer milliseconds', () => {
    const clock = createClock('virtual:2025-01-01');
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(1.5)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.set(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(clock.now()).toBe(T);
  });

  it('accepts zone offsets and date-only forms, case-insensitively', () => {
    expect(createClock('fixed:2025-01-01T02:00:00+02:00').now()).toBe(T);
    expect(createClock('FIXED:2025-01-01').now()).toBe(T);
    expect(createClock(' virtual:2025-01-01T00:00Z ').now()).toBe(T);
  });

  it.each([
    ['', /Unknown clock spec/],
    ['wall', /Unknown clock spec/],
    ['fixed', /needs an instant/],
    ['virtual:', /needs an instant/],
    ['fixed:yesterday', /Invalid ISO-8601/],
    ['fixed:2025-01-01T00:00:00', /Invalid ISO-8601/], // no zone: would be machine-local time
    ['fixed:2025-02-30', /Invalid calendar date/],
    ['fixed:2025-13-01', /Invalid/],
  ])('rejects %j with an error that lists the valid forms', (spec, message) => {
    expect(() => createClock(spec)).toThrow(ClockSpecError);
    expect(() => createClock(spec)).toThrow(message);
    expect(() => createClock(spec)).toThrow(/Valid forms: "real", "fixed:<ISO-8601 instant>", "virtual:<ISO-8601 instant>"/);
  });

  it('parseIsoInstant is exported for the control API', () => {
    expect(parseIsoInstant('2025-06-01T12:00:00.250Z')).toBe(Date.UTC(2025, 5, 1, 12, 0, 0, 250));
  });
});
