// --reporter github: workflow-command annotations (escaped so a message cannot end the command
// early or inject another), and a Markdown job summary appended to $GITHUB_STEP_SUMMARY.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderGithub, renderGithubAnnotations, renderGithubSummary } from '../../../src/conformance/report/render-github.js';
import { planReports } from '../../../src/conformance/report/reporters.js';
import { summary } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'nx-github-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const failures = summary.findings.filter((f) => f.status === 'fail');

describe('annotations', () => {
  const lines = renderGithubAnnotations(summary).trimEnd().split('\n');

  it('one ::error line per failed check, titled with its id, and nothing for passes and skips', () => {
    const errors = lines.filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(failures.length);
    failures.forEach((f, i) => expect(errors[i]).toMatch(new RegExp(`^::error title=nx-conformance ${f.checkId.replace(/\./g, '\\.')}[^:]*::${f.title}%0A`)));
    expect(lines.every((l) => /^::(error|warning) /.test(l))).toBe(true);
  });

  it('escapes %, CR and LF in messages, and : and , in the title, so no value ends a command', () => {
    const nasty = { ...summary, findings: [{ ...failures[0]!, checkId: 'a:b,c', message: '100% wrong\r\n::error::injected' }] };
    const [line, ...rest] = renderGithubAnnotations(nasty).trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(line).toContain('title=nx-conformance a%3Ab%2Cc::');
    expect(line).toContain('100%25 wrong%0D%0A::error::injected');
  });

  it('a partial check is a warning saying what was left untested; under --strict it and skips are errors', () => {
    const partials = summary.findings.filter((f) => f.status === 'partial');
    const skips = summary.findings.filter((f) => f.status === 'skip');
    expect(partials.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(partials.length);
    expect(lines.find((l) => l.startsWith('::warning '))).toContain('%0Auntested: ');
    const strict = renderGithubAnnotations({ ...summary, strict: true }).trimEnd().split('\n');
    expect(strict.filter((l) => l.startsWith('::error '))).toHaveLength(failures.length + partials.length + skips.length);
    expect(strict.some((l) => l.includes('skipped under --strict: '))).toBe(true);
  });

  it('a passing run has no annotations', () => {
    expect(renderGithubAnnotations({ ...summary, findings: summary.findings.filter((f) => f.status === 'pass') })).toBe('');
  });
});

describe('the job summary', () => {
  const md = renderGithubSummary(summary, '9.9.9');

  it('leads with the verdict and the counts, then one table row per category', () => {
    expect(md.split('\n')[0]).toMatch(new RegExp(`^## ❌ nx-conformance: .*${summary.counts.fail} failed`));
    expect(md).toContain('nx-conformance 9.9.9');
    for (const category of new Set(summary.findings.map((f) => f.category))) expect(md).toMatch(new RegExp(`^\\| ${category} \\|`, 'm'));
  });

  it('details each failure with expected, actual and its reproduction in a fence nothing inside can close', () => {
    for (const f of failures) {
      expect(md).toContain(`<code>${f.checkId}</code>`);
      expect(md).toContain('```sh\n' + f.reproduce + '\n```');
    }
    const fenced = renderGithubSummary({ ...summary, findings: [{ ...failures[0]!, reproduce: 'echo ```; echo done' }] }, '1');
    expect(fenced).toContain('````sh\necho ```; echo done\n````');
  });

  it('escapes markup in titles and table cells', () => {
    const odd = renderGithubSummary({ ...summary, findings: [{ ...failures[0]!, title: '<img src=x> a|b', expected: 'x | y' }] }, '1');
    expect(odd).toContain('&lt;img src=x&gt; a|b</summary>');
    expect(odd).toContain('- expected: x \\| y');
  });

  it('a passing run says so', () => {
    const passing = summary.findings.filter((f) => f.status !== 'fail');
    const counts = { ...summary.counts, fail: 0 };
    expect(renderGithubSummary({ ...summary, findings: passing, counts, verdict: 'pass' }, '1').split('\n')[0]).toMatch(/^## ✅ nx-conformance: .*0 failed/);
  });
});

describe('renderGithub (the reporter)', () => {
  it('returns the annotations and appends the summary to $GITHUB_STEP_SUMMARY (twice: two sections)', () => {
    const file = join(dir, 'step-summary.md');
    writeFileSync(file, '# earlier step\n');
    for (let i = 0; i < 2; i++) expect(renderGithub(summary, { toolVersion: '1' }, { GITHUB_STEP_SUMMARY: file })).toBe(renderGithubAnnotations(summary));
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# earlier step\n## ❌ nx-conformance')).toBe(true);
    expect(text.match(/^## /gm)).toHaveLength(2);
  });

  it('outside GitHub Actions: the annotations, then a line saying no job summary was written', () => {
    const text = renderGithub(summary, { toolVersion: '1' }, {});
    expect(text.startsWith(renderGithubAnnotations(summary))).toBe(true);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^nx-conformance: GITHUB_STEP_SUMMARY is not set/);
  });

  it('is registered as --reporter github, printing to stderr beside a stdout report', () => {
    expect(planReports(['pretty', 'github'], undefined).reporters.map((r) => r.name)).toEqual(['pretty', 'github']);
    expect(planReports(['json', 'github'], undefined).reporters.map((r) => r.name)).toEqual(['json', 'github']);
  });
});
