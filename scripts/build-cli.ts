// `npm run build:cli`: bundles the command line (src/cli/main.ts and everything it imports, the
// dependencies included) with esbuild into dist/cli, which bin/nx-conformance.js runs. Start-up
// was two thirds module loading: ~210 of our ES modules and ~150 CommonJS files of Express and the
// like, each resolved, read and compiled on its own. A handful of bundled chunks load in a fraction
// of that (issue 16). Each command and each lazily loaded part (the control API, the market
// sources) stays a dynamic import, so it lands in a chunk of its own and still loads only when used.
// The library API (dist/src, with its type declarations) is tsc's output and is not affected.
import { rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRY = join(root, 'src', 'cli', 'main.ts');
export const CLI_OUT = join(root, 'dist', 'cli');

// Bundled CommonJS (Express and its dependencies) calls require() for Node's built-in modules,
// which an ES module does not have: every chunk gets one made for it.
const REQUIRE_SHIM = "import { createRequire as __nxCreateRequire } from 'node:module'; const require = __nxCreateRequire(import.meta.url);";

/**
 * Builds into `outDir`: first next to it, then swapped into place, so a CLI starting meanwhile
 * finds either the old bundle or the new one, never half of one.
 */
export async function buildCli(outDir: string = CLI_OUT): Promise<Metafile> {
  const staging = `${outDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: CLI_ENTRY },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    // A native module is loaded from node_modules at run time (and is optional).
    external: ['better-sqlite3'],
    banner: { js: REQUIRE_SHIM },
    // Bundled dependencies keep their licence comments, at the end of each file.
    legalComments: 'eof',
    // V8 reads every byte of a chunk before running it: without comments and spaces the chunks the
    // mock starts with are a fifth smaller, and start-up CPU 13 % less (7 interleaved starts).
    // Names stay, so stack traces still name the functions.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning',
  });
  await rm(outDir, { recursive: true, force: true });
  await rename(staging, outDir);
  return result.metafile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const meta = await buildCli();
  const bytes = Object.values(meta.outputs).reduce((sum, o) => sum + o.bytes, 0);
  console.log(`command line: ${CLI_OUT} (${Object.keys(meta.outputs).length} files, ${(bytes / 1024).toFixed(0)} kB, from ${Object.keys(meta.inputs).length} modules)`);
}
