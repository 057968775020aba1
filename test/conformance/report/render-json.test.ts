import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConformanceReport, renderJson, reportJsonSchema } from '../../../src/conformance/report/index.js';
import { interruptedSummary, selfTestSummary, strictSummary, summary } from './fixture.js';

describe('renderJson', () => {
  it('produces pretty JSON that parses with the ConformanceReport schema', () => {
    const out = renderJson(summary, { toolVersion: '0.1.0' });
    expect(out).toMatch(/^\{\n {2}"schemaVersion": 2,\n/);
    expect(out.endsWith('}\n')).toBe(true);
    const report = ConformanceReport.parse(JSON.parse(out));
    expect(report.schemaVersion).toBe(2);
    expect(report.tool).toEqual({ name: 'nx-conformance', version: '0.1.0' });
    expect(report).toMatchObject({ kind: 'server', target: summary.target, modes: ['sandbox', 'live'], startedAt: summary.startedAt, durationMs: 4212 });
    expect(report.counts).toEqual({ pass: 3, fail: 2, partial: 1, skip: 2 });
    expect(report).toMatchObject({ strict: false, interrupted: false, verdict: 'fail' });
    expect(report.defects).toBeUndefined();
    expect('defects' in JSON.parse(out)).toBe(false);
  });

  it('round-trips the findings exactly, control characters and emoji included', () => {
    const report = ConformanceReport.parse(JSON.parse(renderJson(summary, { toolVersion: '0.1.0' })));
    expect(report.findings).toStrictEqual(summary.findings);
  });

  it('shows a partial with what was left out and how to test it, and its mode as a field', () => {
    const report = ConformanceReport.parse(JSON.parse(renderJson(summary, { toolVersion: '0.1.0' })));
    expect(report.findings.find((f) => f.status === 'partial')).toMatchObject({
      checkId: 'breaker.daily-loss-latches',
      mode: 'live',
      untested: 'that it stays tripped when the price recovers',
      howToTest: 'run against a server with the control API',
    });
  });

  it('says strict and interrupted, with the verdict they give', () => {
    const passing = summary.findings.filter((f) => f.status !== 'fail');
    const strict = ConformanceReport.parse(JSON.parse(renderJson({ ...strictSummary, findings: passing, counts: { pass: 3, fail: 0, partial: 1, skip: 2 } }, { toolVersion: '0.1.0' })));
    expect(strict).toMatchObject({ strict: true, verdict: 'fail' });
    const interrupted = ConformanceReport.parse(JSON.parse(renderJson(interruptedSummary, { toolVersion: '0.1.0' })));
    expect(interrupted).toMatchObject({ interrupted: true, verdict: 'interrupted' });
    expect(interrupted.findings).toHaveLength(3);
  });

  it('includes defects for a self-test run', () => {
    const report = ConformanceReport.parse(JSON.parse(renderJson(selfTestSummary, { toolVersion: '0.1.0' })));
    expect(report.defects).toEqual({ caught: 3, total: 4 });
  });

  it('refuses a summary that would produce an invalid report', () => {
    expect(() => renderJson({ ...summary, counts: { pass: 3, fail: 1, partial: 1, skip: 2 } }, { toolVersion: '0.1.0' })).toThrow(/counts\.fail is 1/);
    expect(() => renderJson({ ...summary, verdict: 'pass' }, { toolVersion: '0.1.0' })).toThrow(/verdict is 'pass'/);
    expect(() => renderJson({ ...summary, startedAt: 'yesterday' }, { toolVersion: '0.1.0' })).toThrow();
  });
});

describe('schemas/conformance-report.schema.json', () => {
  it('is what z.toJSONSchema produces from ConformanceReport now', async () => {
    const file = new URL('../../../schemas/conformance-report.schema.json', import.meta.url);
    const committed = await readFile(file, 'utf8').catch(() => '(missing)');
    expect(committed, 'schemas/conformance-report.schema.json is stale; regenerate it with: npx tsx src/conformance/report/write-report-schema.ts').toBe(
      reportJsonSchema(),
    );
  });

  it('describes findings as one of pass | partial | fail | skip', () => {
    const schema = JSON.parse(reportJsonSchema()) as { properties: { findings: { items: { oneOf: { properties: { status: { const: string } } }[] } } } };
    expect(schema.properties.findings.items.oneOf.map((s) => s.properties.status.const)).toEqual(['pass', 'partial', 'fail', 'skip']);
  });
});
