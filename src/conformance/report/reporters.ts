// The reporters, by --reporter name. A reporter is one function from the run's summary (which
// describes itself: kind, target, modes, counts, verdict, strict, interrupted, findings) to text.
// To add one (html, github, …): write `render-<name>.ts` exporting a Reporter, and list it below.
import type { RunSummary } from '../findings.js';
import { renderGithub } from './render-github.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderPretty } from './render-pretty.js';

export interface RenderOptions {
  /** nx-conformance's own version, for reports that say what produced them. */
  toolVersion: string;
  /** ANSI colours (pretty; the CLI passes stdout.isTTY && !NO_COLOR). */
  color: boolean;
}

export interface Reporter {
  name: string;
  /** The file it writes under --out; without --out (or without a file) it prints to stdout. */
  file?: string;
  /** Prints to stderr instead, beside whatever goes to stdout (github's workflow commands). */
  stream?: 'stderr';
  render(summary: RunSummary, options: RenderOptions): string;
}

export const REPORTERS = {
  pretty: { name: 'pretty', render: (summary, options) => renderPretty(summary, { color: options.color }) },
  json: { name: 'json', file: 'nx-conformance.json', render: (summary, options) => renderJson(summary, { toolVersion: options.toolVersion }) },
  junit: { name: 'junit', file: 'nx-conformance.junit.xml', render: (summary) => renderJunit(summary, { suiteName: 'nx-conformance' }) },
  html: { name: 'html', file: 'nx-conformance.html', render: (summary, options) => renderHtml(summary, { toolVersion: options.toolVersion }) },
  github: { name: 'github', stream: 'stderr', render: (summary, options) => renderGithub(summary, options) },
} as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

/** A wrong --reporter/--out combination, found before the run starts (the CLI exits 2). */
export class ReporterUsageError extends Error {}

export interface ReportPlan {
  reporters: Reporter[];
  outDir?: string | undefined;
}

/**
 * Checks the reporters asked for, before anything runs: the names must be known, and at most one
 * report can go to stdout (pretty always does; the others do when there is no --out).
 */
export function planReports(names: readonly string[], outDir: string | undefined): ReportPlan {
  const unique = [...new Set(names)];
  const unknown = unique.filter((n) => !Object.hasOwn(REPORTERS, n));
  if (unknown.length > 0) throw new ReporterUsageError(`unknown reporter ${unknown.join(', ')}; use ${REPORTER_NAMES.join(', ')} (comma-separated).`);
  const reporters: Reporter[] = unique.map((n) => REPORTERS[n as ReporterName]);
  const toStdout = reporters.filter((r) => r.stream !== 'stderr' && (r.file === undefined || outDir === undefined));
  if (toStdout.length > 1) {
    throw new ReporterUsageError(
      `reporters ${toStdout.map((r) => r.name).join(' and ')} would all write to stdout; give --out DIR for the ${toStdout.filter((r) => r.file).map((r) => r.name).join('/')} file${toStdout.length > 2 ? 's' : ''}, or ask for one reporter.`,
    );
  }
  return { reporters, outDir };
}
