// What the runner commands (server, client, webhook-receiver) share: the reporting flow (pretty
// progress on stdout, json/junit files or stdout), and the option parsers of option-parsers.ts.
import type { RunSummary } from '../conformance/findings.js';
import { createPrettyProgress, planReports, REPORTER_NAMES, ReporterUsageError, writeReports, type PrettyProgress, type ReportPlan } from '../conformance/report/index.js';
import { colorEnabled } from './color.js';
import { TOOL_VERSION } from '../version.js';

export { collect, integer, list, listenFailure, nonNegativeNumber, port, positiveInt, positiveNumber } from './option-parsers.js';

/** The --reporter help of every runner command. */
export const REPORTER_HELP = `${REPORTER_NAMES.join(', ')} (comma-separated; github: annotations and $GITHUB_STEP_SUMMARY)`;

export interface Reporting {
  progress: PrettyProgress | null;
  /** Says what the runner waits for and how long (waits of a second or more; pretty only). */
  notice(what: string, ms: number): void;
  /** Prints the pretty summary and writes the other reports. */
  finish(summary: RunSummary): Promise<void>;
}

/**
 * Checks --reporter and --out before the run (an unknown reporter, or two reports for stdout, is a
 * usage error then, not after a long run): null and a message on stderr; the caller exits 2.
 */
export function createReporting(reporters: readonly string[], outDir: string | undefined, live = true): Reporting | null {
  let plan: ReportPlan;
  try {
    plan = planReports(reporters, outDir);
  } catch (error) {
    if (!(error instanceof ReporterUsageError)) throw error;
    process.stderr.write(`nx-conformance: ${error.message}\n`);
    return null;
  }
  const color = colorEnabled(process.stdout);
  const streamed = plan.reporters.some((r) => r.name === 'pretty');
  // The transient "running…" line rewrites itself with \r: only on a terminal, never in a log.
  const progress = streamed ? createPrettyProgress({ write: (s) => process.stdout.write(s), color, live: live && Boolean(process.stdout.isTTY) }) : null;
  return {
    progress,
    notice(what, ms) {
      if (ms < 1000) return;
      const text = `waiting ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s for ${what}`;
      if (progress) progress.notice(text);
      else process.stderr.write(`nx-conformance: ${text}\n`);
    },
    async finish(summary) {
      progress?.done(summary);
      // pretty was streamed while the run went; the others are rendered now.
      const rest = { ...plan, reporters: plan.reporters.filter((r) => r.name !== 'pretty') };
      if (rest.reporters.length === 0) return;
      const files = await writeReports(summary, { reporters: rest, toolVersion: TOOL_VERSION, write: (s) => process.stdout.write(s) });
      for (const f of files) process.stderr.write(`report: ${f}\n`);
    },
  };
}

/**
 * Runs a check suite with Ctrl-C handling and reporting, and maps the verdict to the exit code:
 * 0 pass, 1 a check failed (with --strict: or was skipped or partial), 2 an expected
 * usage/reachability error, 130 interrupted (its reports are written first, and say so).
 */
export async function runReported(
  reporting: Reporting,
  run: (signal: AbortSignal) => Promise<RunSummary>,
  usageErrors: ReadonlyArray<new (...args: never[]) => Error>,
): Promise<number> {
  const abort = new AbortController();
  const onSigint = (): void => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    const summary = await run(abort.signal);
    await reporting.finish(summary);
    if (summary.verdict === 'interrupted' || abort.signal.aborted) return 130;
    return summary.verdict === 'pass' ? 0 : 1;
  } catch (error) {
    if (usageErrors.some((kind) => error instanceof kind)) {
      process.stderr.write(`nx-conformance: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
