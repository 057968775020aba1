// Runs the reporters the user chose (--reporter) and puts each output where it belongs: files
// under --out, else stdout (planReports() allows at most one report there).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunSummary } from '../findings.js';
import { planReports, REPORTERS, type ReportPlan } from './reporters.js';

export interface WriteReportsOptions {
  reporters: readonly string[] | ReportPlan;
  /** Where file reports go. Without it they go to `write` (stdout). */
  outDir?: string;
  toolVersion: string;
  /** stdout. */
  write: (s: string) => void;
  /** stderr, for reporters that print there (github); default process.stderr. */
  writeErr?: (s: string) => void;
  /** For pretty; the CLI passes `process.stdout.isTTY && !process.env.NO_COLOR`. Default false. */
  color?: boolean;
}

export const REPORT_FILES = { json: REPORTERS.json.file, junit: REPORTERS.junit.file, html: REPORTERS.html.file } as const;

/**
 * Writes the reports of a finished run and returns the paths of the files written. 'pretty' here
 * prints the whole report at the end; a CLI that already streamed it with createPrettyProgress
 * leaves 'pretty' out. A wrong combination throws ReporterUsageError before any output.
 */
export async function writeReports(summary: RunSummary, options: WriteReportsOptions): Promise<string[]> {
  const plan = Array.isArray(options.reporters) ? planReports(options.reporters as readonly string[], options.outDir) : (options.reporters as ReportPlan);
  const written: string[] = [];
  for (const reporter of plan.reporters) {
    const text = reporter.render(summary, { toolVersion: options.toolVersion, color: options.color ?? false });
    if (reporter.stream === 'stderr') {
      (options.writeErr ?? ((s: string) => void process.stderr.write(s)))(text);
      continue;
    }
    if (reporter.file === undefined || plan.outDir === undefined) {
      options.write(text);
      continue;
    }
    await mkdir(plan.outDir, { recursive: true });
    const file = path.join(plan.outDir, reporter.file);
    await writeFile(file, text, 'utf8');
    written.push(file);
  }
  return written;
}
