// The junit reporter: what CI systems (GitLab, Jenkins, GitHub test-report actions) display.
// One <testsuite> per category, one <testcase> per check and mode. JUnit has no "partial": a
// partial is reported as skipped (not a pass) with what was left out, and under --strict, where
// skips and partials fail the run, both are reported as failures so the CI view agrees with the
// exit code. An interrupted run gets a test case in error that says so.
import junitReportBuilder, { type Builder, type TestCase } from 'junit-report-builder';
import { findingLabel, type Evidence, type FailFinding, type Finding, type RunSummary } from '../findings.js';

// The package's typings declare an ES default export, but Node loads its CommonJS build, whose
// `module.exports` is the builder itself, and hands that over as the default import. Under
// `module: NodeNext` TypeScript therefore types the default as `{ default: Builder }`; the value
// really is the Builder (the tests exercise it), so only the type is corrected here.
const builder = junitReportBuilder as unknown as Builder;

export interface RenderJunitOptions {
  /** The name of the root <testsuites> element, e.g. 'nx-conformance'. */
  suiteName: string;
}

type XmlElement = ReturnType<TestCase['build']>;

export function renderJunit(summary: RunSummary, options: RenderJunitOptions): string {
  // newBuilder(): the default export is a shared, module-level builder; a fresh one per report
  // keeps two renders (or two runs in one process) from accumulating into each other.
  const report = builder.newBuilder().name(xmlSafe(options.suiteName));

  const byCategory = new Map<string, Finding[]>();
  for (const f of summary.findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);

  for (const [category, findings] of byCategory) {
    const suite = report
      .testSuite()
      .name(xmlSafe(category))
      .timestamp(xmlSafe(summary.startedAt))
      .time(seconds(findings.reduce((sum, f) => sum + f.durationMs, 0)))
      .property('target', xmlSafe(summary.target))
      .property('kind', summary.kind)
      .property('modes', summary.modes.join(','));

    for (const f of findings) {
      const testCase = suite
        .testCase()
        .className(xmlSafe(category))
        .name(xmlSafe(`${findingLabel(f)}: ${f.title}`))
        .time(seconds(f.durationMs));
      if (f.form !== undefined) testCase.property('form', xmlSafe(f.form));
      if (f.mode !== undefined) testCase.property('mode', f.mode);
      if (f.requirements?.length) testCase.property('requirements', xmlSafe(f.requirements.join(',')));
      testCase.property('status', f.status);

      if (f.status === 'fail') {
        testCase.failure(xmlSafe(f.message), 'ConformanceFailure');
        // Bodies go in as escaped text rather than through the library's CDATA (stacktrace(),
        // standardOutput()): xmlbuilder splits only the first "]]>" of a CDATA section, so a
        // response body containing it twice would end the section early and break the XML.
        afterBuild(testCase, (element) => {
          childNamed(element, 'failure')?.txt(xmlSafe(failureBody(f)));
          if (f.evidence.length > 0) element.ele('system-out').txt(xmlSafe(evidenceText(f.evidence)));
        });
      } else if (f.status === 'skip' || f.status === 'partial') {
        const reason = f.status === 'skip' ? f.message : `partial: ${f.message}; not tested: ${f.untested}; to test it: ${f.howToTest}`;
        if (summary.strict) {
          testCase.failure(xmlSafe(`${f.status === 'skip' ? 'skipped' : 'partial'} (--strict): ${reason}`), f.status === 'skip' ? 'SkippedUnderStrict' : 'PartialUnderStrict');
        } else {
          testCase.skipped();
          // The library writes a bare <skipped/>; CI tools show its message attribute as the reason.
          afterBuild(testCase, (element) => childNamed(element, 'skipped')?.att('message', xmlSafe(reason)));
        }
      }
    }
  }
  if (summary.interrupted) {
    const suite = report.testSuite().name('run').timestamp(xmlSafe(summary.startedAt)).property('target', xmlSafe(summary.target));
    suite
      .testCase()
      .className('run')
      .name('nx-conformance: the run was interrupted')
      .error(`The run was interrupted after ${summary.findings.length} checks; the checks after them did not run.`, 'Interrupted');
  }
  return report.build();
}

/** Runs `extend` on the test case's element right after the library builds it. */
function afterBuild(testCase: TestCase, extend: (element: XmlElement) => void): void {
  const build = testCase.build.bind(testCase);
  testCase.build = (parent) => {
    const element = build(parent);
    extend(element);
    return element;
  };
}

function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => 'name' in c && c.name === name);
}

function failureBody(f: FailFinding): string {
  return [f.message, '', `expected: ${f.expected}`, `actual:   ${f.actual}`, '', `spec: ${f.spec}`, '', 'reproduce:', f.reproduce].join('\n');
}

/** The exchanges as an HTTP-like transcript; bodies are left unprefixed so they can be copied. */
function evidenceText(evidence: readonly Evidence[]): string {
  return evidence
    .map((e, i) => {
      const request = [
        `> ${e.request.method} ${e.request.url}`,
        ...Object.entries(e.request.headers).map(([k, v]) => `> ${k}: ${v}`),
        '>',
        e.request.body,
      ];
      const response =
        e.response === null
          ? ['< (no response)']
          : [`< ${e.response.status}`, ...Object.entries(e.response.headers).map(([k, v]) => `< ${k}: ${v}`), '<', e.response.body];
      return [`--- evidence ${i + 1} of ${evidence.length} ---`, ...request, '', ...response].join('\n');
    })
    .join('\n\n');
}

function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/**
 * Drops what XML 1.0 cannot carry at all, even escaped: C0 controls other than tab/LF/CR, lone
 * surrogates, U+FFFE and U+FFFF. A NUL from a response body would otherwise make the whole report
 * unreadable to expat-based CI tools. The library's xmlbuilder is configured to strip them too,
 * but its lone-surrogate pattern also deletes the character before one; doing it here, on every
 * string we hand over, keeps the guarantee ours and the text intact.
 */
function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}
