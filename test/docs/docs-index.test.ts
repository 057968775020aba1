// A docs index that cannot rot: the README links every guide (every Markdown file of the
// repository), and every guide links back to the README, with links that resolve to files.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Not guides: dependencies, build output, and the consumer project the package test copies. */
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage', 'test/package/consumer']);

function markdownFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(ROOT, path);
    if (SKIP.has(rel) || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md') && rel !== 'README.md') out.push(rel);
  }
  return out.sort();
}

/** The repository files a Markdown file links to (relative links, anchors dropped). */
function linksOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1]!)
    .filter((href) => !/^[a-z]+:/i.test(href))
    .map((href) => relative(ROOT, resolve(dirname(join(ROOT, file)), href)));
}

const guides = markdownFiles();

it('finds the guides', () => {
  expect(guides).toEqual(expect.arrayContaining(['SIGNING.md', 'docs/client-checking.md', 'examples/README.md']));
});

it.each(guides)('README.md links %s, and it links back', (guide) => {
  expect(linksOf('README.md'), `add ${guide} to the README's Documentation table`).toContain(guide);
  expect(linksOf(guide), `${guide} needs a link back to the README (e.g. "[← nx-conformance README](…/README.md)")`).toContain('README.md');
});

it('every relative link of the README and the guides points at a file that exists', () => {
  const broken = ['README.md', ...guides].flatMap((f) => linksOf(f).filter((target) => !existsSync(join(ROOT, target))).map((t) => `${f} → ${t}`));
  expect(broken).toEqual([]);
});
