// `npm run generate -- --help` prints the usage (it used to print parseArgs' stack trace); an
// unknown flag is a usage error (exit 2) with the usage; a passing --check says so.
import { afterEach, expect, it, vi } from 'vitest';
import { runCli } from '../../src/codegen/cli.js';

function run(...args: string[]) {
  let out = '';
  let err = '';
  vi.spyOn(console, 'log').mockImplementation((...line: unknown[]) => void (out += `${line.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...line: unknown[]) => void (err += `${line.join(' ')}\n`));
  const code = runCli(args);
  vi.restoreAllMocks();
  return { code, out, err };
}

afterEach(() => vi.restoreAllMocks());

it('--help and -h print the usage and exit 0', () => {
  for (const flag of ['--help', '-h']) {
    const r = run(flag);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run generate/);
    expect(r.out).toContain('--check');
    expect(r.err).toBe('');
  }
});

it('an unknown flag exits 2 with one line naming it, then the usage, and no stack', () => {
  const r = run('--chek');
  expect(r.code).toBe(2);
  expect(r.err.split('\n')[0]).toMatch(/^generate: Unknown option '--chek'/);
  expect(r.err).toContain('Usage: npm run generate');
  expect(r.err).not.toMatch(/\n\s+at /);
});

it('--check on the repository prints what it compared when everything is up to date', () => {
  const r = run('--check');
  expect(r.code, r.err).toBe(0);
  expect(r.out).toMatch(/^up to date: \d+ files in src\/generated, src\/generated\/control match the 2 specs\n$/);
});
