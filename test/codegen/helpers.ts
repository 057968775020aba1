// Shared test plumbing: generate a fixture spec into a temporary directory inside the project
// (so `zod` and the runtime resolve as they do for src/generated) and import the result.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { z } from 'zod';
import type { OperationDef, WebhookDef } from '../../src/rules/runtime.js';
import { generate } from '../../src/codegen/generate.js';
import { parseSpec } from '../../src/codegen/load-spec.js';

export const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
export const runtimePath = join(root, 'src', 'rules', 'runtime.js');

export function fixturePath(name: string): string {
  return join(root, 'fixtures', 'codegen', `${name}.yaml`);
}

/** Generates from spec text/bytes as the CLI would, with the runtime import fitted to `outDir`. */
export function generateFrom(bytes: Buffer, outDir: string, label = 'spec.yaml'): Map<string, string> {
  const rel = relative(outDir, runtimePath).split('\\').join('/');
  return generate({
    doc: parseSpec(bytes, label),
    specBytes: bytes,
    specLabel: label,
    runtimeImport: rel.startsWith('.') ? rel : `./${rel}`,
  });
}

/** A fresh `test/codegen/.tmp-*` directory; removeTempDirs() deletes them all. */
const made: string[] = [];
export function tempDir(): string {
  mkdirSync(here, { recursive: true });
  const dir = mkdtempSync(join(here, '.tmp-'));
  made.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeFiles(dir: string, files: Map<string, string>): void {
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
}

export interface Generated {
  dir: string;
  schemas: Record<string, z.ZodType>;
  operations: Record<string, OperationDef>;
  webhookEvents: Record<string, WebhookDef>;
}

/** Generates a fixture (or raw spec bytes) to a temp dir and imports the modules. */
export async function load(fixtureOrBytes: string | Buffer): Promise<Generated> {
  const bytes = typeof fixtureOrBytes === 'string' ? readFileSync(fixturePath(fixtureOrBytes)) : fixtureOrBytes;
  const dir = tempDir();
  writeFiles(dir, generateFrom(bytes, dir));
  const importFile = (name: string) => import(pathToFileURL(join(dir, name)).href);
  const [schemas, operations, webhooks] = await Promise.all([
    importFile('schemas.ts'),
    importFile('operations.ts'),
    importFile('webhooks.ts'),
  ]);
  return { dir, schemas, operations: operations.operations, webhookEvents: webhooks.webhookEvents };
}

/** Looks a schema up, failing the test clearly when the generator did not emit it. */
export function schemaOf(g: Generated, name: string): z.ZodType {
  const s = g.schemas[name];
  if (!s) throw new Error(`schema ${name} was not generated`);
  return s;
}

export function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}
