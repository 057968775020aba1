import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // A hang detector, not a speed check: on a loaded machine (CI runners, CPU hogs) a test that
    // takes 4 s when idle can take 30 s. Speed is measured by `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default (cores - 1) is a single worker on a 2-core machine, which leaves a core
    // idle whenever a test waits on a child process, a socket or a timer: two workers overlap
    // those waits (the suite is steady under that contention; see test/README.md).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
