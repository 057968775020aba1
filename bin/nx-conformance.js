#!/usr/bin/env node
// The published entry point runs the compiled CLI: the package ships dist/; in a clone `npm start`
// and `npm run build` make it (there is no install-time script, so consumers' npm has nothing to warn about).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node ≥ 22.1 keeps V8's compiled code of every module in a cache on disk (os.tmpdir(), or
// NODE_COMPILE_CACHE): later starts skip compiling. Node 20 has no such cache and goes on without.
module.enableCompileCache?.();

// dist/cli is the CLI bundled into a few files (scripts/build-cli.ts): it loads far faster than
// the hundreds of modules it is made of.
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  console.error('nx-conformance: dist/cli is missing. Run `npm run build` (`npm start` runs it for you) and try again.');
  process.exit(2);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));
