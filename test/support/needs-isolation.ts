// The test files that must not share a worker with the rest. vitest.config.ts runs those that mock
// a module isolated (a fresh process and module graph per file), those that patch Node's
// networking in workers of their own that only such files share, and every other file in a shared
// worker that imports the source graph once. Found by reading the files, so a new file of either
// kind is placed without anyone having to list it.
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** Why a file cannot share a worker with the rest. */
export type IsolationKind = 'mocks-module' | 'patches-network';

/** What makes a file need a worker of its own, and why. */
export const NEEDS_ISOLATION: readonly { kind: IsolationKind; pattern: RegExp; why: string }[] = [
  {
    kind: 'mocks-module',
    // A statement of its own (vi.mock is hoisted; vi.doMock may sit in a hook), not text in a string.
    pattern: /^\s*(?:await\s+)?vi\.(?:mock|doMock)\(/m,
    why: 'it replaces a module: in a shared worker an earlier file has usually imported it unmocked, and the mock would not apply',
  },
  {
    // Files that use nock may share a worker with each other: each expects nock in the process,
    // and each removes its interceptors after its tests (nock.cleanAll, interceptApi's restore).
    kind: 'patches-network',
    // An import or a call (no quote before it on its line: not text in a string).
    pattern: /^\s*import\b[^;]*from 'nock'|^[^'"`\n]*\binterceptApi\(/m,
    why: "nock patches Node's http and fetch for the whole process once imported: later files would run through its interceptor",
  },
];

/**
 * The `*.test.ts` files under `dir` (relative to it, '/'-separated). Directories whose name starts
 * with a dot are skipped, and so is node_modules: tests make and delete temporary directories
 * such as test/codegen/.tmp-* while this runs, and one that vanishes mid-walk (ENOENT) is skipped
 * too. Any other error is thrown.
 */
function testFilesUnder(dir: string, prefix = ''): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (prefix !== '' && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.flatMap((e) => {
    if (e.isDirectory()) return e.name.startsWith('.') || e.name === 'node_modules' ? [] : testFilesUnder(join(dir, e.name), `${prefix}${e.name}/`);
    return e.name.endsWith('.test.ts') ? [`${prefix}${e.name}`] : [];
  });
}

/**
 * Paths (relative to `root`, '/'-separated, sorted) of the `*.test.ts` files under `dirs` that need
 * isolation of one of `kinds` (by default any). A file of both kinds counts as 'mocks-module' only.
 */
export function filesNeedingIsolation(dirs: readonly string[], root = process.cwd(), kinds: readonly IsolationKind[] = ['mocks-module', 'patches-network']): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    // A directory this checkout does not have is skipped; any other error is loud, never an empty
    // list that would quietly run a module-mocking file in a shared worker.
    if (!existsSync(join(root, dir))) continue;
    for (const entry of testFilesUnder(join(root, dir))) {
      const path = `${dir}/${entry}`;
      const text = readFileSync(join(root, path), 'utf8');
      const kind = NEEDS_ISOLATION.find(({ pattern }) => pattern.test(text))?.kind;
      if (kind !== undefined && kinds.includes(kind)) found.push(path);
    }
  }
  return found.sort();
}
