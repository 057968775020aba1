// The JSON Schema text of the state fixture, as committed in schemas/state-fixture.schema.json.
// One function so the writer script and the staleness test produce byte-identical text.
import { z } from 'zod';
import { StateFixture } from './fixture-schema.js';

export function fixtureJsonSchema(): string {
  // io: 'input' describes what a writer may leave out (fields the mock derives); reused: 'ref'
  // writes each shared definition (an instant, a fill) once under $defs.
  const schema = { title: 'nx-conformance state fixture', ...z.toJSONSchema(StateFixture, { io: 'input', reused: 'ref' }) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
