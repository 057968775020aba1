// How tests start this repository's TypeScript as a child process: plain `node` on the copy that
// test/support/compile-for-spawn.ts compiled for this run (no TypeScript loader in the child).
import { join } from 'node:path';
import { inject } from 'vitest';

/** The compiled JavaScript of `file` (a repository-relative .ts path, e.g. 'examples/typescript/agent.ts'). */
export function compiledPath(file: string): string {
  return join(inject('compiledRoot'), file.replace(/\.ts$/, '.js'));
}

/**
 * Arguments for spawn(process.execPath, …) that run the CLI's main(argv) with `args` and exit
 * with its code, as bin/nx-conformance.js does. `preload`: .ts files to --import first.
 */
export function cliArgs(args: readonly string[], { preload = [] }: { preload?: readonly string[] } = {}): string[] {
  const main = JSON.stringify(compiledPath('src/cli/main.ts'));
  const run = `const m = await import(${main}); process.exitCode = await m.main(process.argv.slice(1));`;
  return [...preload.flatMap((p) => ['--import', compiledPath(p)]), '--input-type=module', '-e', run, ...args];
}

/** A command line (for spawn or the client runner) that runs a repository .ts file with node. */
export const nodeCommand = (file: string): string[] => [process.execPath, compiledPath(file)];
