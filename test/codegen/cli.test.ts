// Runs the CLI's runCli(argv) in-process on temporary copies, the way CI runs `--check` (the
// process wrapper only sets process.exitCode from it): the exit code and what it prints.
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/codegen/cli.js';
import { fixturePath, removeTempDirs, tempDir } from './helpers.js';

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...line: unknown[]) => void out.push(`${line.join(' ')}\n`));
  vi.spyOn(console, 'warn').mockImplementation((...line: unknown[]) => void err.push(`${line.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...line: unknown[]) => void err.push(`${line.join(' ')}\n`));
  try {
    const code = runCli(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());
afterAll(removeTempDirs);

describe('npm run generate -- --check', () => {
  const dir = tempDir();
  const spec = join(dir, 'spec.yaml');
  const out = join(dir, 'out');
  copyFileSync(fixturePath('minimal'), spec);

  it('writes the files, then --check passes', () => {
    const gen = run('--spec', spec, '--out', out);
    expect(gen.code, gen.err).toBe(0);
    expect(readFileSync(join(out, 'schemas.ts'), 'utf8')).toContain('export const Pong = z.object({');
    // A subdirectory is another target's output (src/generated/control/), not a stale file.
    mkdirSync(join(out, 'control'));
    const check = run('--check', '--spec', spec, '--out', out);
    expect(check.code, check.err).toBe(0);
    expect(check.err).toBe('');
  });

  it('fails and names the stale files after the spec changes', () => {
    appendFileSync(spec, '# edited\n');
    const check = run('--check', '--spec', spec, '--out', out);
    expect(check.code).toBe(1);
    expect(check.err).toContain('schemas.ts');
    expect(check.err).toContain('operations.ts');
    expect(check.err).toContain('run `npm run generate` and commit the result');
    expect(run('--spec', spec, '--out', out).code).toBe(0);
    expect(run('--check', '--spec', spec, '--out', out).code).toBe(0);
  });

  it('a missing or extra file is stale too; regenerating fixes both', () => {
    rmSync(join(out, 'webhooks.ts'));
    writeFileSync(join(out, 'old.ts'), readFileSync(join(out, 'index.ts'), 'utf8'));
    const check = run('--check', '--spec', spec, '--out', out);
    expect(check.code).toBe(1);
    expect(check.err).toContain('webhooks.ts');
    expect(check.err).toContain('old.ts');
    expect(run('--spec', spec, '--out', out).code).toBe(0); // removes old.ts (it is generated)
    expect(run('--check', '--spec', spec, '--out', out).code).toBe(0);
  });

  it('exits 2 with the JSON pointer on an unsupported spec', () => {
    const r = run('--spec', fixturePath('unsupported-keyword'), '--out', join(dir, 'never'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('#/components/schemas/Foo/properties/bar');
  });
});
