// Test files in a shared worker (isolate: false) share one process, so a file that moves the
// current directory and does not move it back changes what every later file in that worker reads
// through relative paths. This setup file makes such a file fail itself, by name, instead.
import { afterAll, beforeAll } from 'vitest';

let start = '';
beforeAll(() => {
  start = process.cwd();
});
afterAll(() => {
  const now = process.cwd();
  if (now !== start) {
    process.chdir(start); // the files after this one run where they expect
    throw new Error(`This test file left the current directory at ${now} (it started in ${start}): restore it with process.chdir in an afterEach or afterAll.`);
  }
});
