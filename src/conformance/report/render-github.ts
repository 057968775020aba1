// The github reporter (--reporter github): GitHub Actions workflow commands, one `::error`
// annotation per failed check (shown on the run's page and in pull requests), and a Markdown
// summary appended to $GITHUB_STEP_SUMMARY (shown on the job's summary page). It reads only the
// RunSummary, like the other renderers. A partial check (part of its claim untested) is a
// `::warning`, an `::error` under --strict, where it fails the run, as skips then do too. Its text goes to stderr, which GitHub reads workflow commands
// from as it does stdout, so it can sit beside any stdout report (pretty, or json for jq).
import { appendFileSync } from 'node:fs';
import type { Finding, RunSummary } from '../findings.js';

/** Workflow-command data: %, CR and LF are the characters GitHub decodes. */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values (title=…) also end at ':' and ','. */
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const modeOf = (f: Finding): string | undefined => ('mode' in f && typeof f.mode === 'string' ? f.mode : undefined);
const label = (f: Finding): string => `${f.checkId}${modeOf(f) ? ` (${modeOf(f)})` : ''}`;

/** What a finding says beyond its title, for an annotation; undefined for one that needs none. */
function detailOf(f: Finding, strict: boolean): { level: 'error' | 'warning'; text: string } | undefined {
  if (f.status === 'fail') return { level: 'error', text: `${f.message}\nexpected: ${f.expected}\nactual: ${f.actual}` };
  if (f.status === 'partial') return { level: strict ? 'error' : 'warning', text: `${f.message}\nuntested: ${f.untested}\nto test it: ${f.howToTest}` };
  if (f.status === 'skip' && strict) return { level: 'error', text: `skipped under --strict: ${f.message}` };
  return undefined;
}

/** One `::error` per failed check, one `::warning` per partial one (both `::error` under --strict, with skips). */
export function renderGithubAnnotations(summary: RunSummary): string {
  const lines: string[] = [];
  for (const f of summary.findings) {
    const detail = detailOf(f, summary.strict);
    if (detail === undefined) continue;
    lines.push(`::${detail.level} title=${escapeProperty(`nx-conformance ${label(f)}`)}::${escapeData(`${f.title}\n${detail.text}`)}`);
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
  const totals = statuses.map((s) => `${counts[s]} ${s === 'pass' ? 'passed' : s === 'fail' ? 'failed' : s === 'skip' ? 'skipped' : s}`).join(', ');
  const verdict = { pass: '✅', fail: '❌', interrupted: '⏹️ interrupted:' }[summary.verdict];
  const out = [
    `## ${verdict} nx-conformance: ${totals}${summary.strict ? ' (--strict: skipped and partial checks fail the run)' : ''}`,
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
  if (noteworthy.length > 0) out.push('', noteworthy.some((f) => f.status === 'fail') ? '### Failures and partial checks' : '### Partial checks');
  for (const f of noteworthy) {
    out.push('', `<details><summary><code>${html(label(f))}</code> ${html(f.title)}</summary>`, '', cell(f.message));
    if (f.status === 'fail') {
      out.push('', `- expected: ${cell(f.expected)}`, `- actual: ${cell(f.actual)}`);
      if (f.spec) out.push(`- spec: ${cell(f.spec)}`);
      out.push('', 'Reproduce:', '', fenced(f.reproduce, 'sh'));
    }
    if (f.status === 'partial') out.push('', `- untested: ${cell(f.untested)}`, `- to test it: ${cell(f.howToTest)}`);
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

/**
 * The reporter: appends the summary to $GITHUB_STEP_SUMMARY when GitHub Actions set it (say so
 * otherwise) and returns the annotations, for stderr.
 */
export function renderGithub(summary: RunSummary, options: { toolVersion: string }, env: NodeJS.ProcessEnv = process.env): string {
  const annotations = renderGithubAnnotations(summary);
  const stepSummary = env.GITHUB_STEP_SUMMARY;
  if (!stepSummary) return `${annotations}nx-conformance: GITHUB_STEP_SUMMARY is not set (not in GitHub Actions), so no job summary was written.\n`;
  appendFileSync(stepSummary, `${renderGithubSummary(summary, options.toolVersion)}\n`, 'utf8');
  return annotations;
}
