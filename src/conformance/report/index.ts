// Reporters for conformance runs: pretty (people), json and junit (machines, CI).
export { createPrettyProgress, type PrettyProgress, type PrettyProgressOptions } from './pretty-progress.js';
export { renderPretty } from './render-pretty.js';
export { ConformanceReport, ReportFinding } from './report-schema.js';
export { renderJson, type RenderJsonOptions } from './render-json.js';
export { reportJsonSchema } from './report-json-schema.js';
export { renderJunit, type RenderJunitOptions } from './render-junit.js';
export { writeReports, REPORT_FILES, type ReporterName, type WriteReportsOptions } from './write-reports.js';
export { renderGithubAnnotations, renderGithubSummary, writeGithubReport, type WriteGithubReportOptions } from './render-github.js';
