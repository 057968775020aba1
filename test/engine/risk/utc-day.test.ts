import { describe, expect, it } from 'vitest';
import { DAY_MS, nextUtcMidnight, utcDayStart } from '../../../src/mock/engine/risk/utc-day.js';

describe('utc day', () => {
  it('finds the day start and the next midnight', () => {
    const t = Date.UTC(2026, 0, 5, 12, 34, 56, 789);
    expect(utcDayStart(t)).toBe(Date.UTC(2026, 0, 5));
    expect(nextUtcMidnight(t)).toBe(Date.UTC(2026, 0, 6));
    expect(nextUtcMidnight(Date.UTC(2026, 0, 6))).toBe(Date.UTC(2026, 0, 7));
    expect(utcDayStart(Date.UTC(2026, 0, 6))).toBe(Date.UTC(2026, 0, 6));
    expect(nextUtcMidnight(Date.UTC(2026, 0, 6) - 1)).toBe(Date.UTC(2026, 0, 6));
    expect(DAY_MS).toBe(86_400_000);
  });
});
