// The README's Layout table matches the tree (issue 11): every path it names exists, every
// directory under src/ is named (itself or through a subdirectory), and so is every top-level
// directory of the repository. A new folder fails here until the table says what it is for.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Top-level directories that are not part of the layout: tooling, dependencies, build output. */
const NOT_LAYOUT = new Set(['node_modules', 'dist', 'coverage', 'test-artifacts']);

/** The backticked paths in the first column of the README's "## Layout" table. */
function layoutPaths(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Layout$/m)[1]?.split(/^## /m)[0];
  if (section === undefined) throw new Error('README.md has no "## Layout" section');
  const firstCells = section.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split('|')[1]!);
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, '')));
}

const dirsIn = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).filter((n) => !n.startsWith('.') && statSync(join(ROOT, dir, n)).isDirectory());

const paths = layoutPaths();
const named = (dir: string): boolean => paths.some((p) => p === dir || p.startsWith(`${dir}/`));

it('reads the Layout table', () => {
  expect(paths).toEqual(expect.arrayContaining(['src/rules', 'src/mock/engine', 'test']));
});

it.each(paths)('%s, named in the Layout table, exists', (path) => {
  expect(existsSync(join(ROOT, path)), `README's Layout table names ${path}, which is not in the tree: update the table`).toBe(true);
});

it.each(dirsIn('src').map((d) => `src/${d}`))('%s is in the Layout table', (dir) => {
  expect(named(dir), `add a row for ${dir}/ to the README's Layout table (and to docs/architecture.md)`).toBe(true);
});

it.each(dirsIn('.').filter((d) => !NOT_LAYOUT.has(d)))('top-level %s/ is in the Layout table', (dir) => {
  expect(named(dir), `add a row for ${dir}/ to the README's Layout table`).toBe(true);
});
