// Regenerates schemas/conformance-report.schema.json from the zod schema:
//   npx tsx src/conformance/report/write-report-schema.ts [path]
// The file is committed so that consumers can validate reports without running TypeScript;
// test/conformance/report/render-json.test.ts fails when it is stale.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { reportJsonSchema } from './report-json-schema.js';

/** Writes the JSON Schema (by default to <repo>/schemas/conformance-report.schema.json) and returns the path. */
export async function writeReportSchema(
  file: string = fileURLToPath(new URL('../../../schemas/conformance-report.schema.json', import.meta.url)),
): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, reportJsonSchema(), 'utf8');
  return file;
}

// Run as a script (tsx), not when imported.
const invokedAs = process.argv[1];
if (invokedAs !== undefined && import.meta.url === pathToFileURL(path.resolve(invokedAs)).href) {
  const written = await writeReportSchema(process.argv[2]);
  process.stdout.write(`wrote ${path.relative(process.cwd(), written)}\n`);
}
