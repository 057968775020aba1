// Reads the spec file: YAML text -> OpenAPI 3.1 object, plus the raw bytes for the header hash.
import { readFileSync } from 'node:fs';
import type { oas31 } from 'openapi3-ts';
import { parseDocument } from 'yaml';
import { CodegenError } from './errors.js';

export interface LoadedSpec {
  doc: oas31.OpenAPIObject;
  /** Exact file bytes: the header hash is over these, not over the parsed object. */
  bytes: Buffer;
}

/** Parses spec text; `label` is used in error messages (usually the file path). */
export function parseSpec(bytes: Buffer, label: string): oas31.OpenAPIObject {
  // parseDocument collects every error instead of throwing on the first, and
  // uniqueKeys (default true) makes duplicate mapping keys an error, not a silent overwrite.
  const parsed = parseDocument(bytes.toString('utf8'), { prettyErrors: true });
  if (parsed.errors.length > 0) {
    const details = parsed.errors.map((e) => e.message).join('\n');
    throw new Error(`${label}: invalid YAML\n${details}`);
  }
  const doc: unknown = parsed.toJS({ maxAliasCount: -1 });
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error(`${label}: expected a YAML mapping at the top level`);
  }
  const version = (doc as Record<string, unknown>).openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1.')) {
    // 3.0 differs in ways that matter here (nullable, boolean exclusiveMinimum).
    throw new CodegenError(`expected "openapi: 3.1.x", got ${JSON.stringify(version)}`, '#/openapi');
  }
  return doc as oas31.OpenAPIObject;
}

export function loadSpec(path: string): LoadedSpec {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read spec ${path}: ${(err as Error).message}`);
  }
  return { doc: parseSpec(bytes, path), bytes };
}
