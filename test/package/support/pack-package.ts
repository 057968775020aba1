// Packs the package the way `npm pack`/`npm publish` do (its prepack script cleans and builds
// dist/), but in a staging copy, so the test never rewrites this worktree's dist/ under other
// tests. The copy holds what the build needs (package.json, tsconfig*, src/) plus everything
// `files` names; node_modules is linked, not copied.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, run } from './run.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface PackedFile {
  path: string;
  size: number;
}

/** The fields of package.json the tests read. */
export interface Manifest {
  name: string;
  version: string;
  license?: string;
  scripts?: Record<string, string>;
  repository?: { url?: string };
  homepage?: string;
  bugs?: { url?: string };
  bin: Record<string, string>;
  main: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  files: string[];
}

export interface Packed {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** The staging copy: the package root as built, with dist/. */
  staging: string;
  files: PackedFile[];
  /** Compressed size in bytes. */
  size: number;
  /** The package.json that ships. */
  manifest: Manifest;
  /** npm's stderr while packing (warnings show here). */
  warnings: string;
}

const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'scripts', 'README.md', 'LICENSE'];

/**
 * The staging copy's build emits without type-checking the sources (tsc's noCheck): `npm run
 * typecheck` checks them, and the consumer's strict tsc checks the declarations that ship. The
 * build's own check cost ~8 s of CPU of this file's ~45 s. The rest of prepack (clean, tsc's
 * emit, the dashboard bundle) runs as published, and the shipped files are the same.
 */
function skipTypeCheckInBuild(staging: string): void {
  renameSync(join(staging, 'tsconfig.build.json'), join(staging, 'tsconfig.build.checked.json'));
  const config = { extends: './tsconfig.build.checked.json', compilerOptions: { noCheck: true } };
  writeFileSync(join(staging, 'tsconfig.build.json'), `${JSON.stringify(config, null, 2)}\n`);
}

export async function packPackage(workDir: string): Promise<Packed> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const staging = join(workDir, 'staging');
  mkdirSync(staging, { recursive: true });
  const shipped = manifest.files.filter((f) => !f.startsWith('dist'));
  for (const entry of [...BUILD_INPUTS, ...shipped]) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(staging, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(staging, 'node_modules'), 'dir');
  skipTypeCheckInBuild(staging);
  const packed = await run('npm', ['pack', '--json', '--pack-destination', workDir], staging, cleanEnv());
  if (packed.code !== 0) throw new Error(`npm pack failed (${packed.code}): ${packed.stderr}`);
  // Scripts print to stdout before npm's JSON; the JSON is the last top-level array.
  const json = packed.stdout.slice(packed.stdout.lastIndexOf('\n[') + 1);
  const [info] = JSON.parse(json) as [{ filename: string; size: number; files: PackedFile[] }];
  return {
    tarball: join(workDir, info.filename),
    staging,
    files: info.files,
    size: info.size,
    manifest: JSON.parse(readFileSync(join(staging, 'package.json'), 'utf8')) as Manifest,
    warnings: packed.stderr,
  };
}
