// The whole generator as a pure function: spec in, file contents out. No I/O, no clock, so
// the same spec always yields the same bytes.
import type { oas31 } from 'openapi3-ts';
import { analyzeComponents } from './components.js';
import { emitOperations } from './emit-operations.js';
import { emitSchemas } from './emit-schemas.js';
import { emitWebhooks } from './emit-webhooks.js';
import { headerLine } from './header.js';
import { importLines } from './imports.js';

export interface GenerateInput {
  doc: oas31.OpenAPIObject;
  /** Exact spec file bytes (hashed into the header). */
  specBytes: Uint8Array;
  /** How the header names the spec, e.g. 'openapi/agent-connect.yaml'. */
  specLabel: string;
  /** Import specifier of runtime.ts as seen from the output directory. */
  runtimeImport: string;
}

/** Returns file name (relative to the output directory) -> content. */
export function generate(input: GenerateInput): Map<string, string> {
  const { doc, runtimeImport } = input;
  const header = headerLine(input.specLabel, input.specBytes);
  const { names } = analyzeComponents(doc);
  const schemas = emitSchemas(doc);
  const schemasFile = [importLines({ runtimeImport, runtimeValues: schemas.runtime }), schemas.body]
    .filter((part) => part !== '')
    .join('\n\n');
  const index = [
    "export * from './schemas.js';",
    "export * from './operations.js';",
    "export * from './webhooks.js';",
    `export type { OperationDef, ResponseDef, WebhookDef } from '${runtimeImport}';`,
  ].join('\n');
  const files: Array<[string, string]> = [
    ['schemas.ts', schemasFile],
    ['operations.ts', emitOperations(doc, names, runtimeImport)],
    ['webhooks.ts', emitWebhooks(doc, names, runtimeImport)],
    ['index.ts', index],
  ];
  return new Map(files.map(([name, body]) => [name, `${header}\n\n${body}\n`]));
}
