// The html reporter as text: one self-contained document whose CSP admits only its own inline
// style and script, that escapes everything a server sends, counts what the summary counts,
// puts failures first, and shows whatever a summary carries (partials, modes, requirements,
// seeded defects) without knowing it in advance.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml, type HtmlReportInput } from '../../../src/conformance/report/render-html.js';
import { summary } from './fixture.js';

const html = renderHtml(summary, { toolVersion: '9.9.9' });

const between = (text: string, open: string, close: string): string => {
  const start = text.indexOf(open) + open.length;
  return text.slice(start, text.indexOf(close, start));
};
const attr = (name: string, text: string) => [...text.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('renderHtml', () => {
  it('is one document with no external resource and a CSP that admits only its own inline style and script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|@import|url\(/i);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    const csp = between(html, '<meta http-equiv="Content-Security-Policy" content="', '"').replace(/&#39;/g, "'");
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`style-src ${hash(between(html, '<style>', '</style>'))}`);
    expect(csp).toContain(`script-src ${hash(between(html, '<script>', '</script>'))}`);
    expect(csp).toMatch(/default-src 'none'/);
  });

  it('escapes markup, quotes and control characters from the evidence', () => {
    expect(html).not.toContain("<script>alert('x')</script>");
    expect(html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    // eslint-disable-next-line no-control-regex -- the point: no raw control character survives
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(html).toContain('emoji:🚀💥');
  });

  it("totals are the summary's counts, and there is one finding per check, failures first", () => {
    for (const [status, n] of Object.entries(summary.counts)) expect(html).toContain(`data-count="${status}">${n}<`);
    const statuses = attr('data-status', html);
    expect(statuses).toHaveLength(summary.findings.length);
    expect(statuses).toEqual([...statuses].sort((a, b) => ['fail', 'partial', 'skip', 'pass'].indexOf(a!) - ['fail', 'partial', 'skip', 'pass'].indexOf(b!)));
    expect(statuses[0]).toBe('fail');
  });

  it('shows a failure with expected, actual, spec, evidence and a copyable curl script', () => {
    const failure = summary.findings.find((f) => f.status === 'fail' && f.checkId === 'signatures.rejects-bad-signature');
    if (failure?.status !== 'fail') throw new Error('fixture changed');
    const article = between(html, 'data-check="signatures.rejects-bad-signature"', '</article>');
    for (const part of ['Expected', 'Actual', 'The spec says', 'Evidence (2 exchanges, secrets redacted)', 'x-nx-signature: [redacted]', 'Copy curl script']) expect(article).toContain(part);
    const id = between(article, 'data-copy="', '"');
    expect(between(article, `<pre id="${id}" class="reproduce" tabindex="0">`, '</pre>')).toBe(failure.reproduce.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
  });

  it('renders statuses, modes, requirements and seeded defects it was not written for', () => {
    const input: HtmlReportInput = {
      kind: 'self-test',
      target: 'http://127.0.0.1:4010/v1/agent',
      modes: ['sandbox', 'live'],
      seed: 7,
      startedAt: '2026-01-05T12:00:00.000Z',
      durationMs: 1234,
      counts: { pass: 1, fail: 0, partial: 1, skip: 0, flaky: 1 },
      verdict: 'pass',
      defects: { caught: 1, total: 2 },
      defectResults: [
        { defect: 'wide-window', caught: true, caughtBy: ['timestamp.outside-window-rejected'], expected: ['timestamp.outside-window-rejected'] },
        { defect: 'no-retry-after', caught: false, caughtBy: [], expected: ['rate-limit.burst-then-429'] },
      ],
      requirements: [{ id: 'REQ-SIG-1', title: 'Live keys sign every request' }, { id: 'REQ-RL-2' }],
      findings: [
        { status: 'pass', checkId: 'signature.missing-rejected', title: 'Missing signature', category: 'signatures', message: 'ok', durationMs: 3, mode: 'live', requirements: ['REQ-SIG-1'] },
        { status: 'partial', checkId: 'rate-limit.recovers', title: 'Recovers', category: 'rate-limits', message: 'headers right', untested: 'the wait itself', howToTest: 'run with --slow', durationMs: 5, mode: 'sandbox', requirements: ['REQ-SIG-1', 'REQ-RL-2'] },
        { status: 'flaky', checkId: 'orders.lifecycle', title: 'Lifecycle', category: 'orders', message: 'passed on retry', durationMs: 9 },
      ],
    };
    const out = renderHtml(input, { toolVersion: '1.0.0' });
    expect(attr('data-status', out)).toEqual(['partial', 'pass', 'flaky']);
    expect(out).toContain('data-count="flaky">1<');
    expect(out).toContain('<code>rate-limit.recovers [sandbox]</code>');
    expect(out).toContain('run with --slow');
    expect(out).toContain('data-setting="seed">7<');
    expect(out).toContain('data-setting="modes">sandbox, live<');
    // Coverage: a requirement is as good as its worst check; one with no check is uncovered.
    expect(out).toContain('Requirement coverage: 0 of 2 met');
    expect(between(out, 'data-requirement="REQ-SIG-1"', '</tr>')).toContain('>partial<');
    expect(between(out, 'data-requirement="REQ-SIG-1"', '</tr>')).toContain('Live keys sign every request');
    expect(out).toContain('NOT caught');
    expect(out).toContain('data-setting="seeded defects caught">1 of 2<');
  });

  it('leaves the coverage section out when nothing names a requirement', () => {
    const bare = { ...summary, requirements: undefined, findings: summary.findings.map(({ requirements: _, ...f }) => f) };
    expect(renderHtml(bare, { toolVersion: '9.9.9' })).not.toContain('Requirement coverage');
  });
});
