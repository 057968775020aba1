// The human reporter. It streams: one line per check as it finishes, so a slow run (wall-clock
// rate-limit checks take seconds) visibly progresses; then, once, the failures in detail and a
// summary. renderPretty() replays a finished run through the same code, so both outputs agree.
import { findingLabel, type Counts, type Finding, type RunSummary } from '../findings.js';
import type { StartedCheck } from '../run-loop.js';

export interface PrettyProgressOptions {
  write: (s: string) => void;
  /** The CLI passes `process.stdout.isTTY && !process.env.NO_COLOR`. */
  color: boolean;
  /**
   * Show the running check on a transient line that the finished line overwrites. It needs a
   * terminal (it uses \r and an erase-line code), so it defaults to `color`, the CLI's TTY signal.
   */
  live?: boolean;
}

export interface PrettyProgress {
  checkStarted(check: StartedCheck): void;
  checkFinished(finding: Finding): void;
  /** A line about what the runner is waiting for, and how long (over the live line, if any). */
  notice(text: string): void;
  done(summary: RunSummary): void;
}

const SYMBOL = { pass: '✓', fail: '✗', partial: '◐', skip: '−' } as const;
// Plain SGR codes with their specific "off" codes, so nesting never resets more than it set.
const STYLE = {
  green: ['\x1b[32m', '\x1b[39m'],
  red: ['\x1b[31m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  bold: ['\x1b[1m', '\x1b[22m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
} as const;
const ERASE_LINE = '\r\x1b[2K';

export function createPrettyProgress(options: PrettyProgressOptions): PrettyProgress {
  const { write, color } = options;
  const live = options.live ?? color;
  const paint = (style: keyof typeof STYLE, s: string): string => (color ? STYLE[style][0] + s + STYLE[style][1] : s);
  const statusStyle = { pass: 'green', fail: 'red', partial: 'yellow', skip: 'dim' } as const;
  let lastCategory: string | undefined;
  let liveLineOpen = false;

  const categoryHeading = (category: string): void => {
    if (category === lastCategory) return;
    write(`${lastCategory === undefined ? '' : '\n'}${paint('bold', clean(category))}\n`);
    lastCategory = category;
  };

  return {
    checkStarted(check) {
      categoryHeading(check.category);
      if (live) {
        write(`  ${paint('dim', `… ${clean(findingLabel({ checkId: check.id, mode: check.mode, scenario: check.scenario }))}  ${clean(check.title)}`)}`);
        liveLineOpen = true;
      }
    },

    notice(text) {
      if (liveLineOpen) write(ERASE_LINE);
      liveLineOpen = false;
      write(`  ${paint('dim', `… ${clean(text)}`)}\n`);
    },

    checkFinished(finding) {
      if (liveLineOpen) write(ERASE_LINE);
      liveLineOpen = false;
      categoryHeading(finding.category); // in case the runner reports without checkStarted
      const form = finding.form === undefined ? '' : ` ${paint('dim', `[${clean(finding.form)}]`)}`;
      const symbol = paint(statusStyle[finding.status], SYMBOL[finding.status]);
      const line = `  ${symbol} ${clean(findingLabel(finding))}  ${clean(finding.title)}${form}  ${paint('dim', formatDuration(finding.durationMs))}`;
      // A skip or a partial says why right away; a failure's detail waits for the end, where it is read.
      const why =
        finding.status === 'skip'
          ? [finding.message]
          : finding.status === 'partial'
            ? [`partial: ${finding.message}`, `not tested: ${finding.untested}`, `to test it: ${finding.howToTest}`]
            : [];
      const reason = why.map((w) => `\n      ${paint('dim', indent(clean(w), '      '))}`).join('');
      write(`${line}${reason}\n`);
    },

    done(summary) {
      if (liveLineOpen) write(ERASE_LINE);
      liveLineOpen = false;
      const out: string[] = [];
      const failures = summary.findings.filter((f) => f.status === 'fail');

      if (failures.length > 0) {
        out.push('', paint('bold', paint('red', `Failures (${failures.length})`)));
        failures.forEach((f, i) => {
          const form = f.form === undefined ? '' : ` [${clean(f.form)}]`;
          out.push('', `${i + 1}) ${paint('red', SYMBOL.fail)} ${paint('bold', clean(findingLabel(f)))}  ${clean(f.title)}${form}`);
          out.push(field('', f.message));
          out.push(field('expected: ', f.expected), field('actual:   ', f.actual));
          for (const e of f.evidence) {
            const status = e.response === null ? 'no response' : String(e.response.status);
            out.push(`   ${paint('dim', 'request:')}  ${clean(e.request.method)} ${clean(e.request.url)} → ${status}`);
          }
          if (f.spec) out.push(field('spec:     ', f.spec, 'dim'));
          out.push(`   ${paint('dim', 'reproduce:')}`, `     ${indent(clean(f.reproduce), '     ')}`);
        });
      }

      out.push('', ...categoryTable(summary.findings, paint));

      const { pass, fail, partial, skip } = summary.counts;
      const total = pass + fail + partial + skip;
      const verdict = summary.verdict === 'pass' ? paint('green', SYMBOL.pass) : paint('red', SYMBOL.fail);
      const partials = partial > 0 ? `, ${partial} partial` : '';
      out.push('', `${verdict} ${fail} failed, ${pass} passed${partials}, ${skip} skipped (${total} checks) in ${formatDuration(summary.durationMs, 's')}`);
      if (summary.strict && skip + partial > 0) out.push(paint('red', `--strict: ${skip + partial} skipped or partial check${skip + partial === 1 ? '' : 's'} count as failures`));
      if (summary.interrupted) out.push(paint('red', `interrupted: the run was stopped after ${total} checks; the rest did not run`));
      if (summary.defects) out.push(`${summary.defects.caught}/${summary.defects.total} seeded defects caught`);
      write(`${out.join('\n')}\n`);

      function field(label: string, value: string, style?: keyof typeof STYLE): string {
        const pad = ' '.repeat(3 + label.length);
        const text = indent(clean(value), pad);
        return `   ${label ? paint('dim', label) : ''}${style ? paint(style, text) : text}`;
      }
    },
  };
}

/** category | pass | fail | part | skip, one row per category in the order checks ran, then a total. */
function categoryTable(findings: readonly Finding[], paint: (style: keyof typeof STYLE, s: string) => string): string[] {
  const rows = new Map<string, Counts>();
  const total: Counts = { pass: 0, fail: 0, partial: 0, skip: 0 };
  for (const f of findings) {
    const row = rows.get(f.category) ?? { pass: 0, fail: 0, partial: 0, skip: 0 };
    row[f.status] += 1;
    total[f.status] += 1;
    rows.set(f.category, row);
  }

  const width = Math.max('category'.length, ...[...rows.keys()].map((c) => c.length));
  const num = (n: number, style?: keyof typeof STYLE): string => {
    const s = String(n).padStart(5);
    return style && n > 0 ? paint(style, s) : s;
  };
  const line = (name: string, r: Counts): string => `${name.padEnd(width)}${num(r.pass)}${num(r.fail, 'red')}${num(r.partial, 'yellow')}${num(r.skip)}`;
  return [
    paint('bold', `${'category'.padEnd(width)}${'pass'.padStart(5)}${'fail'.padStart(5)}${'part'.padStart(5)}${'skip'.padStart(5)}`),
    ...[...rows].map(([name, r]) => line(clean(name), r)),
    paint('dim', '─'.repeat(width + 20)),
    line('total', total),
  ];
}

function formatDuration(ms: number, unit?: 's'): string {
  if (unit !== 's' && ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

/**
 * Expected/actual values can quote what a server sent. A terminal obeys control characters, so
 * an ESC or \r in them could recolour, overwrite or hide lines of the report; keep \n and \t only.
 */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
