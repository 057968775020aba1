// bin/nx-conformance.js turns on Node's on-disk compile cache where Node has one (≥ 22.1), so a
// second start skips compiling the CLI's modules (issue 16). Node 20 has none and must still start.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/nx-conformance.js');
const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// @types/node for Node 20 does not declare it.
const hasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const filesUnder = (dir: string): string[] => (existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]) : []);

/**
 * The real bin over a stand-in for the compiled CLI, in a temporary package: the test proves what
 * the bin does, and needs no `npm run build` (a clean clone has no dist/ when `npm test` runs).
 */
function binOverStubCli(): string {
  const root = mkdtempSync(join(tmpdir(), 'nx-bin-'));
  dirs.push(root);
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist/cli'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  copyFileSync(BIN, join(root, 'bin/nx-conformance.js'));
  writeFileSync(join(root, 'dist/cli/main.js'), "export async function main(argv) { console.log(argv.includes('--version') ? '9.9.9' : '?'); return 0; }\n");
  return join(root, 'bin/nx-conformance.js');
}

describe('the compile cache', () => {
  it.skipIf(!hasCompileCache)('is written to the temporary directory by any command (Node ≥ 22.1)', async () => {
    // Node's default place is os.tmpdir()/node-compile-cache; TMPDIR moves it somewhere private.
    // (NODE_COMPILE_CACHE would turn the cache on by itself, proving nothing about the bin.)
    const dir = mkdtempSync(join(tmpdir(), 'nx-compile-cache-'));
    dirs.push(dir);
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: dir };
    delete env.NODE_COMPILE_CACHE;
    const { stdout } = await run(process.execPath, [binOverStubCli(), '--version'], { env });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(filesUnder(join(dir, 'node-compile-cache')).length).toBeGreaterThan(0);
  });

  it.skipIf(hasCompileCache)('is skipped on a Node without one, which still starts (Node 20)', async () => {
    const { stdout } = await run(process.execPath, [binOverStubCli(), '--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
