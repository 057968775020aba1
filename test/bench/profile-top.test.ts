// The bench's profile summary (npm run bench -- --profile) and its medians: what the next person
// reads to decide where to look, so it must name the right functions with the right shares.
import { describe, expect, it } from 'vitest';
import { hottest, type CpuProfile } from '../../bench/profile-top.js';
import { formatSpread, median, spreadOf } from '../../bench/stats.js';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

// root → a → b; (idle), (garbage collector). Sample i lasts timeDeltas[i + 1] µs.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4, 5] },
    { id: 2, callFrame: frame('a', 'file:///repo/src/a.ts', 9), children: [3] },
    { id: 3, callFrame: frame('b', 'file:///repo/src/b.ts', 19) },
    { id: 4, callFrame: frame('(idle)') },
    { id: 5, callFrame: frame('(garbage collector)') },
  ],
  samples: [3, 3, 2, 4, 5, 3],
  timeDeltas: [0, 100, 100, 100, 400, 100],
  startTime: 0,
  endTime: 800,
};

describe('hottest', () => {
  it('ranks functions by self time, as shares of the time the process was busy', () => {
    const summary = hottest(profile, 10, '/repo');
    // b: 100 + 100 µs (its last sample has no successor, so no time); a: 100; GC: 100; idle: 400.
    expect(summary.top.map((h) => h.name)).toEqual(['b src/b.ts:20', 'a src/a.ts:10', '(garbage collector)']);
    expect(summary.top.map((h) => h.share)).toEqual([0.5, 0.25, 0.25]);
    expect(summary.busyMs).toBeCloseTo(0.4);
    expect(summary.idleShare).toBeCloseTo(0.5);
  });

  it('keeps only the n hottest', () => {
    expect(hottest(profile, 1, '/repo').top.map((h) => h.name)).toEqual(['b src/b.ts:20']);
  });
});

describe('median and spread', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even one', () => {
    expect(median([0.9, 0.5, 0.7])).toBe(0.7);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('reports the range of the runs beside the median', () => {
    const s = spreadOf([0.66, 0.75, 0.71]);
    expect(s).toMatchObject({ median: 0.71, min: 0.66, max: 0.75, runs: [0.66, 0.75, 0.71] });
    expect(formatSpread(s)).toBe('0.71 (0.66–0.75)');
    expect(formatSpread(spreadOf([0.5]))).toBe('0.50');
  });
});
