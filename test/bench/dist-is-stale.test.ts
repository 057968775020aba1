// bench/build.ts decides whether dist/ must be built before a bench part measures it. Incremental
// tsc keeps an unchanged output file's time, so only the bundle, written by every build, dates it.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { distIsStale } from '../../bench/build.js';

const root = mkdtempSync(join(tmpdir(), 'nx-bench-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, at: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), '//\n');
  utimesSync(join(root, path), at, at);
}

it('is stale without dist/, fresh after a build, and stale again once a source file is newer than the bundle', () => {
  file('src/a.ts', 1_000);
  file('src/deep/b.ts', 1_000);
  expect(distIsStale(root)).toBe(true);
  file('dist/src/mock/http/start-mock.js', 1_100);
  expect(distIsStale(root)).toBe(true); // no bundle yet
  file('dist/cli/main.js', 1_100);
  expect(distIsStale(root)).toBe(false);
  // An edit to another file: tsc rewrites only that file's output, so start-mock.js keeps its old
  // time; the next build writes the bundle afresh, and that makes dist/ current.
  file('src/deep/b.ts', 1_200);
  expect(distIsStale(root)).toBe(true);
  file('dist/cli/main.js', 1_300);
  expect(distIsStale(root)).toBe(false);
});
