import { describe, expect, it } from 'vitest';
import { createPrettyProgress, renderPretty } from '../../../src/conformance/report/index.js';
import { interruptedSummary, selfTestSummary, strictSummary, summary } from './fixture.js';

const ESC = '\u001b';

describe('renderPretty', () => {
  const out = renderPretty(summary, { color: false });

  it('prints a line per check with its symbol, id, title and duration', () => {
    expect(out).toMatch(/^ {2}✓ schema\.orders-list {2}Order list matches the schema {2}12 ms$/m);
    expect(out).toMatch(/^ {2}✓ schema\.account {2}Account matches the schema \[strict\] {2}8 ms$/m);
    expect(out).toMatch(/^ {2}✗ signatures\.rejects-bad-signature {2}Rejects a request with a bad signature {2}31 ms$/m);
    expect(out).toMatch(/^ {2}✓ signatures\.replay {2}Rejects a replayed nonce {2}1\.5 s$/m);
    expect(out).toMatch(/^ {2}− timestamp\.skew {2}Rejects stale timestamps \[control-clock\] {2}0 ms\n {6}needs the control clock/m);
    expect(out).toMatch(/^ {2}− webhooks\.retry /m);
  });

  it('details every failure: message, expected, actual, evidence and reproduce', () => {
    expect(out).toContain('Failures (2)');
    for (const f of summary.findings) {
      if (f.status !== 'fail') continue;
      expect(out).toContain(f.message);
      expect(out).toContain(f.reproduce);
      expect(out).toContain(f.spec);
    }
    expect(out).toContain('expected: 401 with error.code "invalid_signature"');
    expect(out).toContain('actual:   200 with body <script>… & "quoted"[2J'); // ESC stripped
    expect(out).toContain('expected: status 201\n             same order id'); // continuation indented
    expect(out).toContain('actual:   no response after 2000 ms');
    expect(out).toContain('request:  POST http://127.0.0.1:8080/v1/orders → 200');
    expect(out).toContain('request:  GET http://127.0.0.1:8080/v1/orders/o-1 → 200');
    expect(out).toContain('request:  POST http://127.0.0.1:8080/v1/orders → no response');
    // Response bodies are for the json/junit reports, not the terminal.
    expect(out).not.toContain('emoji:🚀');
  });

  it('prints a table by category, in the order checks ran, with a total row', () => {
    const table = out.slice(out.indexOf('category '));
    expect(table).toMatch(/^category\s+pass\s+fail\s+part\s+skip$/m);
    expect(table).toMatch(/^schema\s+2\s+0\s+0\s+0$/m);
    expect(table).toMatch(/^signatures\s+1\s+1\s+0\s+0$/m);
    expect(table).toMatch(/^timestamp\s+0\s+0\s+0\s+1$/m);
    expect(table).toMatch(/^circuit-breakers\s+0\s+0\s+1\s+0$/m);
    expect(table).toMatch(/^orders\s+0\s+1\s+0\s+0$/m);
    expect(table).toMatch(/^webhooks\s+0\s+0\s+0\s+1$/m);
    expect(table).toMatch(/^total\s+3\s+2\s+1\s+2$/m);
    const order = ['schema', 'signatures', 'timestamp', 'circuit-breakers', 'orders', 'webhooks'].map((c) => table.search(new RegExp(`^${c} `, 'm')));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('ends with totals and the total time', () => {
    expect(out).toMatch(/✗ 2 failed, 3 passed, 1 partial, 2 skipped \(8 checks\) in 4\.2 s\n$/);
    expect(out).not.toContain('seeded defects');
  });

  it('shows a partial at once, with its mode, what was left out and what would test it', () => {
    expect(out).toContain(
      [
        '  ◐ breaker.daily-loss-latches [live]  The daily-loss breaker trips and stays tripped [round-trip]  900 ms',
        '      partial: the breaker tripped after round trips',
        '      not tested: that it stays tripped when the price recovers',
        '      to test it: run against a server with the control API',
      ].join('\n'),
    );
  });

  it('says when --strict turned skips and partials into failures', () => {
    const passing = summary.findings.filter((f) => f.status !== 'fail');
    const text = renderPretty({ ...strictSummary, findings: passing, counts: { pass: 3, fail: 0, partial: 1, skip: 2 }, verdict: 'fail' }, { color: false });
    expect(text).toMatch(/✗ 0 failed, 3 passed, 1 partial, 2 skipped \(6 checks\) in 4\.2 s\n--strict: 3 skipped or partial checks count as failures\n$/);
  });

  it('says an interrupted run was interrupted', () => {
    expect(renderPretty(interruptedSummary, { color: false })).toMatch(/\(3 checks\) in 4\.2 s\ninterrupted: the run was stopped after 3 checks; the rest did not run\n$/);
  });

  it('says how many seeded defects were caught when the run was a self-test', () => {
    expect(renderPretty(selfTestSummary, { color: false })).toMatch(/in 4\.2 s\n3\/4 seeded defects caught\n$/);
  });

  it('says all passed with a ✓ verdict when nothing failed', () => {
    const passes = summary.findings.filter((f) => f.status === 'pass');
    const text = renderPretty({ ...summary, findings: passes, counts: { pass: 3, fail: 0, partial: 0, skip: 0 }, verdict: 'pass', durationMs: 300 }, { color: false });
    expect(text).not.toContain('Failures');
    expect(text).toMatch(/✓ 0 failed, 3 passed, 0 skipped \(3 checks\) in 0\.3 s\n$/);
  });

  it('has no ANSI codes without color, even when a server sent some', () => {
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u0007');
  });

  it('colors with plain ANSI codes when asked', () => {
    const colored = renderPretty(summary, { color: true });
    expect(colored).toContain(`${ESC}[32m✓${ESC}[39m`);
    expect(colored).toContain(`${ESC}[31m✗${ESC}[39m`);
    expect(colored).toContain(`${ESC}[2m−${ESC}[22m`);
    // The server's own escape (ESC[2J, clear screen) is still stripped.
    expect(colored).not.toContain(`${ESC}[2J`);
    // Without the codes it is the same text.
    // eslint-disable-next-line no-control-regex -- matching the SGR codes is the point
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(out);
  });
});

describe('createPrettyProgress', () => {
  it('writes each check as it finishes, then the same report renderPretty produces', () => {
    const chunks: string[] = [];
    const progress = createPrettyProgress({ write: (s) => chunks.push(s), color: false });
    const [first, second] = summary.findings;
    if (!first || !second) throw new Error('fixture too short');

    progress.checkStarted({ id: first.checkId, title: first.title, category: first.category });
    progress.checkFinished(first);
    expect(chunks.join('')).toBe('schema\n  ✓ schema.orders-list  Order list matches the schema  12 ms\n');

    for (const f of summary.findings.slice(1)) {
      progress.checkStarted({ id: f.checkId, title: f.title, category: f.category });
      progress.checkFinished(f);
    }
    expect(chunks.join('')).not.toContain('Failures');
    progress.done(summary);
    expect(chunks.join('')).toBe(renderPretty(summary, { color: false }));
  });

  it('on a terminal, shows the running check and overwrites it with the result', () => {
    let out = '';
    const progress = createPrettyProgress({ write: (s) => (out += s), color: true });
    const [first] = summary.findings;
    if (!first) throw new Error('fixture too short');
    progress.checkStarted({ id: first.checkId, title: first.title, category: first.category });
    expect(out).toContain('… schema.orders-list');
    expect(out.endsWith('\n')).toBe(false); // the running line stays open until the result replaces it
    progress.checkFinished(first);
    // eslint-disable-next-line no-control-regex -- matching the erase-line code is the point
    expect(out).toMatch(/… schema\.orders-list.*\r\u001b\[2K {2}\u001b\[32m✓/);
  });
});
