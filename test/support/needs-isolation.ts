// The test files that must not share a worker with others. vitest.config.ts runs them in a project
// of their own, isolated (a fresh process and module graph per file); every other file runs in a
// shared worker that imports the source graph once. Found by reading the files, so a new file of
// either kind is isolated without anyone having to list it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What makes a file need a worker of its own, and why. */
export const NEEDS_ISOLATION: readonly { pattern: RegExp; why: string }[] = [
  {
    // A statement of its own (vi.mock is hoisted; vi.doMock may sit in a hook), not text in a string.
    pattern: /^\s*(?:await\s+)?vi\.(?:mock|doMock)\(/m,
    why: 'it replaces a module: in a shared worker an earlier file has usually imported it unmocked, and the mock would not apply',
  },
  {
    // An import or a call (no quote before it on its line: not text in a string).
    pattern: /^\s*import\b[^;]*from 'nock'|^[^'"`\n]*\binterceptApi\(/m,
    why: "nock patches Node's http and fetch for the whole process once imported: later files would run through its interceptor",
  },
];

/** Paths (relative to `root`, '/'-separated, sorted) of the `*.test.ts` files under `dirs` that need isolation. */
export function filesNeedingIsolation(dirs: readonly string[], root = process.cwd()): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' });
    } catch {
      continue; // a directory this checkout does not have
    }
    for (const entry of entries) {
      if (!entry.endsWith('.test.ts') || entry.split(/[\\/]/).includes('node_modules')) continue;
      const path = `${dir}/${entry.split('\\').join('/')}`;
      const text = readFileSync(join(root, path), 'utf8');
      if (NEEDS_ISOLATION.some(({ pattern }) => pattern.test(text))) found.push(path);
    }
  }
  return found.sort();
}
