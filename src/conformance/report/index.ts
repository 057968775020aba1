// Reporters for conformance runs: pretty (people), json and junit (machines, CI).
export { createPrettyProgress, type PrettyProgress, type PrettyProgressOptions } from './pretty-progress.js';
export { renderPretty } from './render-pretty.js';
export { ConformanceReport, ReportFinding } from './report-schema.js';
export { renderHtml, type HtmlReportInput, type RenderHtmlOptions } from './render-html.js';
export { renderJson, type RenderJsonOptions } from './render-json.js';
export { reportJsonSchema } from './report-json-schema.js';
export { renderJunit, type RenderJunitOptions } from './render-junit.js';
export { writeReports, REPORT_FILES, type WriteReportsOptions } from './write-reports.js';
export { planReports, REPORTERS, REPORTER_NAMES, ReporterUsageError, type Reporter, type ReporterName, type RenderOptions, type ReportPlan } from './reporters.js';
export { renderGithub, renderGithubAnnotations, renderGithubSummary } from './render-github.js';
