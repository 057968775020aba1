// The github reporter (--reporter github): GitHub Actions workflow commands, one `::error`
// annotation per failed check (shown on the run's page and in pull requests), and a Markdown
// summary appended to $GITHUB_STEP_SUMMARY (shown on the job's summary page). It reads only the
// RunSummary, like the other renderers; statuses other than pass, fail and skip (e.g. partial)
// become `::warning` annotations, so a richer finding model needs no change here.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding, RunSummary } from '../findings.js';

/** Workflow-command data: %, CR and LF are the characters GitHub decodes. */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values (title=…) also end at ':' and ','. */
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const modeOf = (f: Finding): string | undefined => ('mode' in f && typeof f.mode === 'string' ? f.mode : undefined);
const label = (f: Finding): string => `${f.checkId}${modeOf(f) ? ` (${modeOf(f)})` : ''}`;

/** One `::error` per failed check, one `::warning` per check that neither passed, failed nor was skipped. */
export function renderGithubAnnotations(summary: RunSummary): string {
  const lines: string[] = [];
  for (const f of summary.findings) {
    if (f.status === 'pass' || f.status === 'skip') continue;
    const level = f.status === 'fail' ? 'error' : 'warning';
    const detail = f.status === 'fail' ? `${f.message}\nexpected: ${f.expected}\nactual: ${f.actual}` : (f as Finding).message;
    lines.push(`::${level} title=${escapeProperty(`nx-conformance ${label(f)}`)}::${escapeData(`${f.title}\n${detail}`)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Text inside a Markdown table cell. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A fenced block that no backtick run inside `text` can close early. */
function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** Escapes HTML where a summary line of <details> shows check titles. */
const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The job summary: the verdict, a table per category, then each failure with its reproduction. */
export function renderGithubSummary(summary: RunSummary, toolVersion: string): string {
  const statuses = Object.keys(summary.counts) as (keyof RunSummary['counts'])[];
  const counts = summary.counts as Record<string, number>;
  const failed = (counts.fail ?? 0) > 0;
  const totals = statuses.map((s) => `${counts[s]} ${s === 'pass' ? 'passed' : s === 'fail' ? 'failed' : s === 'skip' ? 'skipped' : s}`).join(', ');
  const out = [
    `## ${failed ? '❌' : '✅'} nx-conformance: ${totals}`,
    '',
    `Target \`${summary.target.replace(/`/g, '')}\`, ${summary.findings.length} checks in ${(summary.durationMs / 1000).toFixed(1)} s (nx-conformance ${toolVersion}, started ${summary.startedAt}).`,
    '',
    `| category | ${statuses.join(' | ')} |`,
    `| --- | ${statuses.map(() => '---:').join(' | ')} |`,
  ];
  const byCategory = new Map<string, Record<string, number>>();
  for (const f of summary.findings) {
    const row = byCategory.get(f.category) ?? Object.fromEntries(statuses.map((s) => [s, 0]));
    row[f.status] = (row[f.status] ?? 0) + 1;
    byCategory.set(f.category, row);
  }
  for (const [category, row] of byCategory) out.push(`| ${cell(category)} | ${statuses.map((s) => row[s] ?? 0).join(' | ')} |`);

  const noteworthy = summary.findings.filter((f) => f.status !== 'pass' && f.status !== 'skip');
  if (noteworthy.length > 0) out.push('', '### Failures');
  for (const f of noteworthy) {
    out.push('', `<details><summary><code>${html(label(f))}</code> ${html(f.title)}</summary>`, '', cell(f.message));
    if (f.status === 'fail') {
      out.push('', `- expected: ${cell(f.expected)}`, `- actual: ${cell(f.actual)}`);
      if (f.spec) out.push(`- spec: ${cell(f.spec)}`);
      out.push('', 'Reproduce:', '', fenced(f.reproduce, 'sh'));
    }
    out.push('', '</details>');
  }
  const skipped = summary.findings.filter((f) => f.status === 'skip');
  if (skipped.length > 0) {
    out.push('', `<details><summary>Skipped (${skipped.length})</summary>`, '');
    for (const f of skipped) out.push(`- \`${label(f)}\`: ${cell(f.message)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

export interface WriteGithubReportOptions {
  toolVersion: string;
  /** stdout: the annotations go here, where the runner reads workflow commands. */
  write: (s: string) => void;
  /** Where the summary goes when not in GitHub Actions: DIR/nx-conformance.summary.md. */
  outDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Prints the annotations and appends the summary to $GITHUB_STEP_SUMMARY (or writes it to
 * outDir). Returns what it wrote, for the CLI to mention, or a note when the summary went nowhere.
 */
export async function writeGithubReport(summary: RunSummary, options: WriteGithubReportOptions): Promise<{ file?: string; note?: string }> {
  options.write(renderGithubAnnotations(summary));
  const markdown = renderGithubSummary(summary, options.toolVersion);
  const stepSummary = (options.env ?? process.env).GITHUB_STEP_SUMMARY;
  if (stepSummary) {
    await appendFile(stepSummary, `${markdown}\n`, 'utf8');
    return { file: stepSummary };
  }
  if (options.outDir !== undefined) {
    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, 'nx-conformance.summary.md');
    await writeFile(file, markdown, 'utf8');
    return { file };
  }
  return { note: 'GITHUB_STEP_SUMMARY is not set (not in GitHub Actions) and there is no --out DIR: the Markdown summary was not written.' };
}
