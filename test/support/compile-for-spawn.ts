// vitest globalSetup: compiles the TypeScript that tests run as child processes to plain JavaScript
// once per run, with esbuild (the transform tsx applies on every start): the CLI bundled as
// `npm run build` bundles it for bin/nx-conformance.js (scripts/build-cli.ts), and the examples,
// broken clients and preloads file by file. A child is then `node file.js`, not Node plus a loader
// that compiles each module again: a CLI child costs about a third of the CPU. Built afresh on
// every run, so a child never runs stale code. Tests find the files through cliArgs(),
// compiledPath() and nodeCommand() (test/support/spawn-node.ts).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { buildCli } from '../../scripts/build-cli.js';

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

/** One build per vitest process: vitest runs this setup once per project (and once more for the root). */
interface Shared {
  built: Promise<string>;
  users: number;
}
const SHARED = Symbol.for('nx-conformance.compile-for-spawn');
const registry = globalThis as typeof globalThis & { [SHARED]?: Shared };

/** Whether process `pid` still runs (signal 0 only checks; EPERM means it runs as someone else). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function compile(): Promise<string> {
  // Under node_modules/ so packages resolve from the repository's node_modules and packageRoot()
  // still finds this package's package.json above it; one directory per run, so two runs in one
  // checkout never delete each other's files. A run that was killed left its directory behind.
  const parent = join(ROOT, 'node_modules', '.cache', 'nx-spawn');
  for (const dir of existsSync(parent) ? readdirSync(parent) : []) {
    if (/^\d+$/.test(dir) && !running(Number(dir))) rmSync(join(parent, dir), { recursive: true, force: true });
  }
  const out = join(parent, String(process.pid));
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
  await buildCli(join(out, 'cli'));
  return out;
}

export default async function setup(project: TestProject): Promise<() => void> {
  const shared = (registry[SHARED] ??= { built: compile(), users: 0 });
  shared.users += 1;
  const out = await shared.built;
  project.provide('compiledRoot', out);
  return () => {
    if (--shared.users > 0) return;
    delete registry[SHARED];
    rmSync(out, { recursive: true, force: true });
  };
}
