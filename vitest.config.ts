import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { filesNeedingIsolation } from './test/support/needs-isolation.js';

const INCLUDE = ['test/**/*.test.ts', 'src/**/*.test.ts'];
// Files that mock a module get a process of their own per file; files that patch Node's networking
// (nock) share workers only with each other (test/support/needs-isolation.ts). Every other file runs
// in a shared worker, so the source graph is imported once per worker instead of once per file: a
// fork and its imports per file were ~110 s of the suite's ~280 s of CPU.
const MOCKING = filesNeedingIsolation(['test', 'src'], process.cwd(), ['mocks-module']);
const NETWORK_PATCHING = filesNeedingIsolation(['test', 'src'], process.cwd(), ['patches-network']);

export default defineConfig({
  test: {
    // A hang detector, not a speed check: on a loaded machine (CI runners, CPU hogs) a test that
    // takes 4 s when idle can take 30 s. Speed is measured by `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Compiles what tests run as child processes to plain JavaScript once per run (test/support/compile-for-spawn.ts).
    globalSetup: ['test/support/compile-for-spawn.ts'],
    // Fails a file that leaves the current directory moved (test/support/cwd-guard.ts).
    setupFiles: ['test/support/cwd-guard.ts'],
    // One worker more than there are cores. About a third of the suite's test time is waiting (on
    // child processes, sockets, real-time pauses and latency faults), not computing: vitest's
    // default (cores - 1) is a single worker on a 2-core machine, and even two leave a core idle
    // whenever one waits. The suite is steady under that contention (see test/README.md).
    maxWorkers: availableParallelism() + 1,
    projects: [
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
      { extends: true, test: { name: 'nock', include: NETWORK_PATCHING, isolate: false } },
      { extends: true, test: { name: 'shared', include: INCLUDE, exclude: [...configDefaults.exclude, ...MOCKING, ...NETWORK_PATCHING], isolate: false } },
    ],
  },
});
