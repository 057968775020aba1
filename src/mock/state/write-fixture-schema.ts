// Regenerates schemas/state-fixture.schema.json from the zod schema:
//   npx tsx src/mock/state/write-fixture-schema.ts [path]
// test/state/fixture-schema.test.ts fails when the committed file is stale.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixtureJsonSchema } from './fixture-json-schema.js';

export async function writeFixtureSchema(file: string = fileURLToPath(new URL('../../../schemas/state-fixture.schema.json', import.meta.url))): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, fixtureJsonSchema(), 'utf8');
  return file;
}

const invokedAs = process.argv[1];
if (invokedAs !== undefined && import.meta.url === pathToFileURL(path.resolve(invokedAs)).href) {
  const written = await writeFixtureSchema(process.argv[2]);
  process.stdout.write(`wrote ${path.relative(process.cwd(), written)}\n`);
}
