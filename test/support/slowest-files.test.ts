// The CI summary of the slowest test files: ranked by span, ties by name, cut to the count,
// paths relative to the repository.
import { describe, expect, it } from 'vitest';
import { formatSlowest, slowestFiles } from './slowest-files.js';

const file = (name: string, startTime: number, endTime: number, tests = 1) => ({
  name: `/repo/test/${name}`,
  startTime,
  endTime,
  assertionResults: Array.from({ length: tests }, () => ({})),
});

describe('slowestFiles', () => {
  const report = {
    testResults: [file('a.test.ts', 0, 1_000), file('b.test.ts', 500, 9_500, 3), file('c.test.ts', 0, 1_000, 2), file('d.test.ts', 10, 4_010)],
  };

  it('ranks files by the span of their tests, slowest first, and keeps the first `count`', () => {
    expect(slowestFiles(report, 3, '/repo')).toEqual([
      { file: 'test/b.test.ts', ms: 9_000, tests: 3 },
      { file: 'test/d.test.ts', ms: 4_000, tests: 1 },
      { file: 'test/a.test.ts', ms: 1_000, tests: 1 },
    ]);
  });

  it('prints one line per file with seconds and test counts', () => {
    const text = formatSlowest(slowestFiles(report, 2, '/repo'));
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^The 2 slowest test files/),
      '    9.0 s     3 tests  test/b.test.ts',
      '    4.0 s     1 tests  test/d.test.ts',
    ]);
  });
});
