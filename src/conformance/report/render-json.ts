// The json reporter: a RunSummary as a versioned ConformanceReport document.
import type { RunSummary } from '../findings.js';
import { ConformanceReport } from './report-schema.js';

export interface RenderJsonOptions {
  /** nx-conformance's own version (package.json), so consumers know what produced the report. */
  toolVersion: string;
}

/**
 * Returns the report as pretty JSON (with a trailing newline). The document is parsed with the
 * schema before it is written, so a malformed summary (e.g. a non-ISO `startedAt`, counts that
 * disagree with findings) fails here, loudly, instead of producing a file CI tools then reject.
 */
export function renderJson(summary: RunSummary, options: RenderJsonOptions): string {
  const report = ConformanceReport.parse({
    schemaVersion: 2,
    tool: { name: 'nx-conformance', version: options.toolVersion },
    ...summary,
  });
  return `${JSON.stringify(report, null, 2)}\n`;
}
