// The JSON Schema text of ConformanceReport, as committed in schemas/conformance-report.schema.json.
// One function so the writer script and the staleness test produce byte-identical text.
import { z } from 'zod';
import { ConformanceReport } from './report-schema.js';

export function reportJsonSchema(): string {
  // io: 'input' describes what a reader accepts. With the default ('output') every object gets
  // `additionalProperties: false`, so a consumer validating with this schema would reject reports
  // from a newer nx-conformance that only added fields, which is meant to stay schemaVersion 1.
  const schema = z.toJSONSchema(ConformanceReport, { io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
