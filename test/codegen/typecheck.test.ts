// The generated code must compile under the project's strict tsconfig, recursion included.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fixturePath, generateFrom, removeTempDirs, root, tempDir, writeFiles } from './helpers.js';

const FIXTURES = ['minimal', 'scalars', 'objects', 'refs', 'unions', 'read-write', 'operations'];

afterAll(removeTempDirs);

it('generated fixture code typechecks (tsc strict, noUncheckedIndexedAccess)', () => {
  const dir = tempDir();
  for (const name of FIXTURES) {
    const out = join(dir, name);
    mkdirSync(out);
    writeFiles(out, generateFrom(readFileSync(fixturePath(name)), out));
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['**/*.ts'] }),
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);
