// `npm run generate [-- --check] [--spec PATH] [--out DIR]` (no --spec/--out: every default target)
// Without --check: writes src/generated/ (only files whose content changed, and removes
// generated files the spec no longer produces). With --check: compares in memory and exits 1
// when anything is stale, so CI catches a spec edit without a regenerate.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CodegenError } from './errors.js';
import { generate } from './generate.js';
import { isGenerated } from './header.js';
import { loadSpec } from './load-spec.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '..', '..');

function posix(p: string): string {
  return p.split(sep).join('/');
}

/** Import specifier for runtime.ts from `outDir`, so output in any directory resolves it. */
function runtimeImportFrom(outDir: string): string {
  const rel = posix(relative(outDir, join(here, '..', 'rules', 'runtime.js')));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Returns the stale file names (relative to outDir): changed, missing or extra. */
export function staleFiles(outDir: string, files: Map<string, string>): string[] {
  const stale: string[] = [];
  for (const [name, content] of files) {
    const path = join(outDir, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) stale.push(name);
  }
  // Only files count: subdirectories may hold other specs' output (e.g. --out src/generated/x).
  const present = existsSync(outDir) ? readdirSync(outDir, { withFileTypes: true }) : [];
  for (const entry of present.filter((e) => e.isFile()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!files.has(entry.name)) stale.push(entry.name);
  }
  return stale;
}

function write(outDir: string, files: Map<string, string>): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of files) {
    const path = join(outDir, name);
    if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
    writeFileSync(path, content);
    console.log(`wrote ${posix(relative(process.cwd(), path))}`);
  }
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const name = entry.name;
    if (files.has(name) || !entry.isFile()) continue;
    const path = join(outDir, name);
    // Only delete what we generated; anything else in the output dir is someone's file.
    if (name.endsWith('.ts') && isGenerated(readFileSync(path, 'utf8'))) {
      rmSync(path);
      console.log(`removed ${posix(relative(process.cwd(), path))}`);
    } else {
      console.warn(`warning: ${posix(relative(process.cwd(), path))} is not generated; remove it from the output directory`);
    }
  }
}

interface Target {
  spec: string;
  out: string;
}

/**
 * What a bare `npm run generate` produces: the public API, and the mock's control API (whose
 * routes src/mock/http/control reads from src/generated/control/) when its spec exists.
 */
function defaultTargets(): Target[] {
  const targets = [{ spec: join(projectRoot, 'openapi', 'agent-connect.yaml'), out: join(projectRoot, 'src', 'generated') }];
  const control = join(projectRoot, 'openapi', 'control.yaml');
  if (existsSync(control)) targets.push({ spec: control, out: join(projectRoot, 'src', 'generated', 'control') });
  return targets;
}

function generateTarget(target: Target): Map<string, string> {
  const { doc, bytes } = loadSpec(target.spec);
  return generate({
    doc,
    specBytes: bytes,
    specLabel: posix(relative(projectRoot, target.spec)),
    runtimeImport: runtimeImportFrom(target.out),
  });
}

const USAGE = `Usage: npm run generate [-- [--check] [--spec FILE --out DIR]]

Generates src/generated/ (zod validators, types, the operation table) from the OpenAPI specs.
  (no flags)    every default target: openapi/agent-connect.yaml -> src/generated/,
                openapi/control.yaml -> src/generated/control/
  --check       write nothing; exit 1 and name the stale files when the generated code and the specs disagree
  --spec FILE   one spec (default openapi/agent-connect.yaml)
  --out DIR     its output directory (default src/generated)
  -h, --help    this text`;

/** A usage error: printed with the usage, exit 2. */
class UsageError extends Error {}

export function main(argv: string[]): number {
  let values: { check?: boolean; spec?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        check: { type: 'boolean', default: false },
        spec: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [primary] = defaultTargets() as [Target];
  const targets =
    values.spec === undefined && values.out === undefined
      ? defaultTargets()
      : [{ spec: resolve(values.spec ?? primary.spec), out: resolve(values.out ?? primary.out) }];
  const stale: string[] = [];
  let checked = 0;
  for (const target of targets) {
    const files = generateTarget(target);
    checked += files.size;
    if (!values.check) write(target.out, files);
    else for (const name of staleFiles(target.out, files)) stale.push(posix(relative(process.cwd(), join(target.out, name))));
  }
  const outputs = targets.map((t) => posix(relative(process.cwd(), t.out)) || '.').join(', ');
  if (stale.length === 0) {
    console.log(`${values.check ? 'up to date' : 'generated'}: ${checked} files in ${outputs} match ${targets.length === 1 ? 'the spec' : `the ${targets.length} specs`}`);
    return 0;
  }
  console.error('Generated code is stale (the spec and the generated files disagree):');
  for (const name of stale) console.error(`  ${name}`);
  console.error('Fix: run `npm run generate` and commit the result.');
  return 1;
}

/** main() as the command line sees it: spec problems print their message and return 2, no stack. */
export function runCli(argv: string[]): number {
  try {
    return main(argv);
  } catch (err) {
    // Spec problems are expected failures: print the message (with its JSON pointer), no stack.
    if (err instanceof UsageError) {
      console.error(`generate: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    const known = err instanceof CodegenError || (err instanceof Error && err.message.includes('invalid YAML'));
    console.error(known ? `generate: ${(err as Error).message}` : err);
    return 2;
  }
}

// Run only when executed directly (tests import `runCli`/`staleFiles`).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runCli(process.argv.slice(2));
}
