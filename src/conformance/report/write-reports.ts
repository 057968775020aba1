// Runs the reporters the user chose (--reporter) and puts each output where it belongs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunSummary } from '../findings.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderPretty } from './render-pretty.js';

export type ReporterName = 'pretty' | 'json' | 'junit' | 'html';

export interface WriteReportsOptions {
  reporters: readonly ReporterName[];
  /** Where json and junit files go. Without it they go to `write` (stdout). */
  outDir?: string;
  toolVersion: string;
  /** stdout. */
  write: (s: string) => void;
  /** For pretty; the CLI passes `process.stdout.isTTY && !process.env.NO_COLOR`. Default false. */
  color?: boolean;
  /** The junit root <testsuites> name. Default 'nx-conformance'. */
  suiteName?: string;
}

export const REPORT_FILES = { json: 'nx-conformance.json', junit: 'nx-conformance.junit.xml', html: 'nx-conformance.html' } as const;

/**
 * Writes the reports of a finished run and returns the paths of the files written.
 *
 * 'pretty' here prints the whole report at the end; a CLI that already streamed it with
 * createPrettyProgress should leave 'pretty' out. Without outDir, json (and junit) are printed
 * instead of saved, so that `nx-conformance ... --reporter json | jq` works; since stdout can then
 * carry only one document, asking for two stdout reporters is an error, raised before any output.
 */
export async function writeReports(summary: RunSummary, options: WriteReportsOptions): Promise<string[]> {
  const reporters = [...new Set(options.reporters)];
  const toStdout = reporters.filter((r) => r === 'pretty' || options.outDir === undefined);
  if (toStdout.length > 1) {
    throw new Error(
      `reporters ${toStdout.join(' and ')} would all write to stdout; give an output directory for json/junit files`,
    );
  }

  const written: string[] = [];
  for (const reporter of reporters) {
    if (reporter === 'pretty') {
      options.write(renderPretty(summary, { color: options.color ?? false }));
      continue;
    }
    const text =
      reporter === 'json'
        ? renderJson(summary, { toolVersion: options.toolVersion })
        : reporter === 'html'
          ? renderHtml(summary, { toolVersion: options.toolVersion })
          : renderJunit(summary, { suiteName: options.suiteName ?? 'nx-conformance' });
    if (options.outDir === undefined) {
      options.write(text);
      continue;
    }
    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, REPORT_FILES[reporter]);
    await writeFile(file, text, 'utf8');
    written.push(file);
  }
  return written;
}
