// vitest globalSetup: compiles the TypeScript that tests run as child processes (the CLI, the
// example and broken clients, preloads) to plain JavaScript once per run, with esbuild — the
// transform tsx applies on every start — so a child is `node file.js`, not Node plus a loader
// that compiles each module again: a CLI child costs about half the CPU. Built afresh on every
// run, so a child never runs stale code. Tests find the files through compiledPath()/nodeArgs()
// (test/support/spawn-node.ts).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What children run: the package's sources (not its tests or the browser dashboard), the examples, preloads. */
const SOURCES: readonly { dir: string; keep: (path: string) => boolean }[] = [
  { dir: 'src', keep: (p) => !p.endsWith('.test.ts') && !p.startsWith('src/ui/') },
  { dir: 'examples', keep: () => true },
  { dir: 'test/cli/support', keep: () => true },
];

function entryPoints(): string[] {
  return SOURCES.flatMap(({ dir, keep }) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .map((entry) => `${dir}/${entry.split('\\').join('/')}`)
      .filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && keep(p)),
  );
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the compiled tree sits: node_modules/.cache/nx-spawn/<pid>, laid out like the repository. */
    compiledRoot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // Under node_modules/ so packages resolve from the repository's node_modules and packageRoot()
  // still finds this package's package.json above it; one directory per run, so two runs in one
  // checkout never delete each other's files.
  const out = join(ROOT, 'node_modules', '.cache', 'nx-spawn', String(process.pid));
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: entryPoints(),
    outdir: out,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    logLevel: 'error',
  });
  project.provide('compiledRoot', out);
  return () => rmSync(out, { recursive: true, force: true });
}
