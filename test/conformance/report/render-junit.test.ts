import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/conformance/report/index.js';
import { interruptedSummary, NASTY_BODY, NASTY_BODY_XML_SAFE, strictSummary, summary } from './fixture.js';

// fast-xml-parser's shape: attributes as '@_name' keys, child elements by tag name.
type Attrs = Record<`@_${string}`, string | undefined>;
type TestCaseNode = Attrs & { failure?: unknown; skipped?: unknown; error?: unknown; 'system-out'?: unknown };
type SuiteNode = Attrs & { testcase: TestCaseNode[] };

const xml = renderJunit(summary, { suiteName: 'nx-conformance' });
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'property' });
type Doc = { testsuites: Attrs & { testsuite: SuiteNode[] } };
const parse = (text: string): Doc => parser.parse(text) as Doc;
const doc = parse(xml);
const suites = doc.testsuites.testsuite;
const cases = suites.flatMap((s) => s.testcase);
const caseNamed = (checkId: string, from: TestCaseNode[] = cases): TestCaseNode => {
  const found = from.find((c) => c['@_name']?.startsWith(`${checkId}: `) || c['@_name']?.startsWith(`${checkId} [`));
  if (!found) throw new Error(`no testcase for ${checkId}`);
  return found;
};
const textOf = (node: unknown): string => (typeof node === 'string' ? node : String((node as { '#text'?: unknown })['#text'] ?? ''));

describe('renderJunit', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('has one testsuite per category and one testcase per check', () => {
    expect(doc.testsuites['@_name']).toBe('nx-conformance');
    expect(suites.map((s) => s['@_name'])).toEqual(['schema', 'signatures', 'timestamp', 'circuit-breakers', 'orders', 'webhooks']);
    expect(cases).toHaveLength(summary.findings.length);
    for (const suite of suites) {
      for (const c of suite.testcase) expect(c['@_classname']).toBe(suite['@_name']);
    }
    expect(caseNamed('signatures.replay')['@_name']).toBe('signatures.replay: Rejects a replayed nonce');
    expect(caseNamed('signatures.replay')['@_time']).toBe('1.5');
    expect(suites.find((s) => s['@_name'] === 'signatures')?.['@_time']).toBe('1.531');
  });

  it('has tests/failures/skipped attributes that match the counts', () => {
    expect(doc.testsuites).toMatchObject({ '@_tests': '8', '@_failures': '2', '@_skipped': '3', '@_errors': '0' });
    const signatures = suites.find((s) => s['@_name'] === 'signatures');
    expect(signatures).toMatchObject({ '@_tests': '2', '@_failures': '1', '@_skipped': '0' });
    for (const suite of suites) {
      expect(Number(suite['@_tests'])).toBe(suite.testcase.length);
      expect(Number(suite['@_failures'])).toBe(suite.testcase.filter((c) => c.failure !== undefined).length);
      expect(Number(suite['@_skipped'])).toBe(suite.testcase.filter((c) => c.skipped !== undefined).length);
    }
  });

  it('marks failures with message, type and expected/actual/reproduce in the body', () => {
    for (const f of summary.findings) {
      const c = caseNamed(f.checkId);
      expect(c.failure !== undefined).toBe(f.status === 'fail');
      expect(c.skipped !== undefined).toBe(f.status === 'skip' || f.status === 'partial');
      if (f.status !== 'fail') continue;
      const failure = c.failure as Attrs & { '#text': string };
      expect(failure['@_message']).toBe(f.message);
      expect(failure['@_type']).toBe('ConformanceFailure');
      expect(failure['#text']).toContain(`expected: ${f.expected}`);
      expect(failure['#text']).toContain(f.reproduce);
      expect(failure['#text']).toContain(f.spec);
    }
    // The ESC from the server's "actual" is not allowed in XML 1.0 and is dropped.
    expect(textOf(caseNamed('signatures.rejects-bad-signature').failure)).toContain('actual:   200 with body <script>… & "quoted"[2J');
  });

  it('gives skipped cases the reason as a message', () => {
    expect(caseNamed('timestamp.skew').skipped).toEqual({ '@_message': 'needs the control clock (--control-url)' });
    expect(caseNamed('webhooks.retry').skipped).toEqual({ '@_message': 'no webhook receiver configured' });
  });

  it('reports a partial as skipped (not a pass), saying what was left out, with its mode in the name', () => {
    const c = caseNamed('breaker.daily-loss-latches');
    expect(c['@_name']).toBe('breaker.daily-loss-latches [live]: The daily-loss breaker trips and stays tripped');
    expect(c.skipped).toEqual({
      '@_message': 'partial: the breaker tripped after round trips; not tested: that it stays tripped when the price recovers; to test it: run against a server with the control API',
    });
  });

  it('under --strict, reports skips and partials as failures, so the CI view agrees with the exit code', () => {
    const strict = parse(renderJunit(strictSummary, { suiteName: 'nx-conformance' }));
    expect(strict.testsuites).toMatchObject({ '@_tests': '8', '@_failures': '5', '@_skipped': '0' });
    const strictCases = strict.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(caseNamed('breaker.daily-loss-latches', strictCases).failure).toMatchObject({ '@_type': 'PartialUnderStrict' });
    expect(caseNamed('timestamp.skew', strictCases).failure).toMatchObject({ '@_type': 'SkippedUnderStrict', '@_message': 'skipped (--strict): needs the control clock (--control-url)' });
  });

  it('says an interrupted run was interrupted, as a test case in error', () => {
    const interrupted = parse(renderJunit(interruptedSummary, { suiteName: 'nx-conformance' }));
    expect(interrupted.testsuites).toMatchObject({ '@_tests': '4', '@_errors': '1' });
    const run = interrupted.testsuites.testsuite.find((s) => s['@_name'] === 'run');
    expect(run?.testcase[0]?.error).toMatchObject({ '@_type': 'Interrupted', '@_message': 'The run was interrupted after 3 checks; the checks after them did not run.' });
    expect(xml).not.toContain('interrupted');
  });

  it('puts the evidence in system-out, intact apart from characters XML cannot carry', () => {
    const out = textOf(caseNamed('signatures.rejects-bad-signature')['system-out']);
    expect(out).toContain('> POST http://127.0.0.1:8080/v1/orders');
    expect(out).toContain('> x-nx-signature: [redacted]');
    expect(out).toContain('{"symbol":"BTC-USD","side":"buy","note":"a < b && c > d"}');
    expect(out).toContain(`< 200\n< content-type: application/json\n<\n${NASTY_BODY_XML_SAFE}`);
    expect(textOf(caseNamed('orders.idempotency')['system-out'])).toContain('< (no response)');
    expect(caseNamed('schema.orders-list')['system-out']).toBeUndefined();
  });

  it('drops control characters and other characters XML 1.0 forbids', () => {
    expect(NASTY_BODY).toContain('\u0000');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(xml).toContain('emoji:🚀💥');
  });

  it('keeps renders independent (no shared builder state)', () => {
    expect(renderJunit(summary, { suiteName: 'nx-conformance' })).toBe(xml);
  });
});

// Python's expat sits under many CI JUnit tools; it is stricter than fast-xml-parser's validator.
const python = spawnSync('python3', ['--version']);
const hasPython = python.error === undefined && python.status === 0;

describe.skipIf(!hasPython)('renderJunit, read by an independent parser (python3 xml.etree / expat; skipped: python3 not found)', () => {
  let dir = '';
  let file = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nx-junit-'));
    file = path.join(dir, 'report.xml');
    await writeFile(file, xml, 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('parses the file', () => {
    const run = spawnSync('python3', ['-c', 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])', file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('reads back the same evidence text', () => {
    const script = [
      'import sys, json, xml.etree.ElementTree as ET',
      'root = ET.parse(sys.argv[1]).getroot()',
      'print(json.dumps({c.get("name"): c.findtext("system-out") for c in root.iter("testcase")}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const outs = JSON.parse(run.stdout) as Record<string, string | null>;
    expect(outs['signatures.rejects-bad-signature: Rejects a request with a bad signature']).toContain(NASTY_BODY_XML_SAFE);
    expect(outs['schema.orders-list: Order list matches the schema']).toBeNull();
  });
});
