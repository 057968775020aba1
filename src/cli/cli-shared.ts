// What the runner commands (server, client, webhook-receiver) and the mock share: option
// parsers, and the reporting flow (pretty progress on stdout, json/junit files or stdout).
import { InvalidArgumentError } from 'commander';
import type { RunSummary } from '../conformance/findings.js';
import { createPrettyProgress, writeGithubReport, writeReports, type PrettyProgress } from '../conformance/report/index.js';
import { colorEnabled } from './color.js';
import { TOOL_VERSION } from '../version.js';

export const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

function numeric(value: string, ok: (n: number) => boolean, expected: string): number {
  const n = Number(value);
  if (value.trim() === '' || !ok(n)) throw new InvalidArgumentError(`expected ${expected}`);
  return n;
}

export const positiveInt = (v: string): number => numeric(v, (n) => Number.isSafeInteger(n) && n > 0, 'a positive integer');
export const integer = (v: string): number => numeric(v, Number.isSafeInteger, 'an integer');
export const positiveNumber = (v: string): number => numeric(v, (n) => Number.isFinite(n) && n > 0, 'a positive number');
export const nonNegativeNumber = (v: string): number => numeric(v, (n) => Number.isFinite(n) && n >= 0, 'a number ≥ 0');

/** A TCP port, checked at parse time so a typo is a usage error, not Node's RangeError. */
export const port = (v: string): number => numeric(v, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 65_535, 'a port number 0-65535 (0 = any free port)');

/** A one-line explanation with a fix for a server that could not listen, or undefined for other errors. */
export function listenFailure(error: unknown, host: string, portNumber: number): string | undefined {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return `port ${portNumber} on ${host} is already in use (another mock or server still running?). Stop it, or choose another port: --port ${portNumber + 1}, or --port 0 for any free port.`;
    case 'EACCES':
      return `not allowed to listen on port ${portNumber} of ${host} (ports below 1024 need privileges). Choose a port from 1024 up, e.g. --port 4010.`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine. Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `--host ${host} does not resolve to an address. Use an IP address such as 127.0.0.1, or a name this machine resolves.`;
    default:
      return undefined;
  }
}

const REPORTERS = ['pretty', 'json', 'junit', 'github'] as const;
/** The --reporter help of every runner command. */
export const REPORTER_HELP = `${REPORTERS.join(', ')} (comma-separated; github: annotations and $GITHUB_STEP_SUMMARY)`;

export interface Reporting {
  progress: PrettyProgress | null;
  /** Prints the pretty summary and writes json/junit reports. */
  finish(summary: RunSummary): Promise<void>;
}

/** null and a message on stderr when a reporter name is unknown (the caller exits 2). */
export function createReporting(reporters: readonly string[], outDir: string | undefined, live = true): Reporting | null {
  const unknown = reporters.filter((r) => !(REPORTERS as readonly string[]).includes(r));
  if (unknown.length > 0) {
    process.stderr.write(`nx-conformance: unknown reporter ${unknown.join(', ')}; use ${REPORTERS.join(', ')}.\n`);
    return null;
  }
  const color = colorEnabled(process.stdout);
  // The transient "running…" line rewrites itself with \r: only on a terminal, never in a log.
  const progress = reporters.includes('pretty') ? createPrettyProgress({ write: (s) => process.stdout.write(s), color, live: live && Boolean(process.stdout.isTTY) }) : null;
  return {
    progress,
    async finish(summary) {
      progress?.done(summary);
      if (reporters.includes('github')) {
        const github = await writeGithubReport(summary, { toolVersion: TOOL_VERSION, outDir, write: (s) => process.stdout.write(s) });
        process.stderr.write(github.file ? `report: ${github.file} (GitHub step summary)\n` : `nx-conformance: ${github.note}\n`);
      }
      const machine = reporters.filter((r): r is 'json' | 'junit' => r === 'json' || r === 'junit');
      if (machine.length === 0) return;
      const files = await writeReports(summary, { reporters: machine, outDir, toolVersion: TOOL_VERSION, write: (s) => process.stdout.write(s) });
      for (const f of files) process.stderr.write(`report: ${f}\n`);
    },
  };
}

/**
 * Runs a check suite with Ctrl-C handling and reporting, and maps the outcome to the exit code:
 * 0 all passed, 1 a check failed, 2 an expected usage/reachability error, 130 interrupted.
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
    if (abort.signal.aborted) return 130;
    return summary.counts.fail > 0 ? 1 : 0;
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
