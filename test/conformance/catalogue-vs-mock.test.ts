// The hono-style shared suite: the whole catalogue against the clean mock (zero false failures)
// and, per seeded defect, the checks meant for it against the broken mock (each must fail).
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/conformance/catalogue.js';
import { defectExpectations } from '../../src/conformance/self-test/defect-expectations.js';
import { runAgainstMock } from '../../src/conformance/self-test/run-self-test.js';
import { defectNames } from '../../src/mock/defects.js';
import { createCredentialLog, expectFailuresReproduce } from './support/reproduce.js';

const ids = new Set(catalogue.map((c) => c.id));
const implemented = (expected: readonly string[]) => expected.every((id) => ids.has(id));

describe('the catalogue against the clean mock', () => {
  it('passes every check (no false failures) and skips none', async () => {
    const summary = await runAgainstMock(catalogue, []);
    const bad = summary.findings.filter((f) => f.status !== 'pass');
    expect(bad.map((f) => `${f.checkId}: ${f.message}${f.status === 'fail' ? `\n${f.actual}` : ''}`)).toEqual([]);
    expect(summary.counts.pass).toBeGreaterThanOrEqual(catalogue.length);
  }, 60_000);
});

describe('each seeded defect is caught by the checks meant for it', () => {
  it('lists an expectation for every defect of the mock', () => {
    expect(Object.keys(defectExpectations).sort()).toEqual([...defectNames].sort());
  });
  for (const defect of defectNames) {
    const expected = defectExpectations[defect];
    it.skipIf(!implemented(expected))(`${defect} → ${expected.join(', ')} fail`, async () => {
      const credentials = createCredentialLog();
      const summary = await runAgainstMock(catalogue, [defect], expected, {
        onRequest: (rec) => (rec.path.endsWith('/register') ? credentials.registered(rec.responseBody) : undefined),
        // Every failure's curl script, run against the same broken mock, reproduces the failure.
        inspect: async (result) => void (await expectFailuresReproduce(result, credentials)),
      });
      const failed = summary.findings.filter((f) => f.status === 'fail').map((f) => f.checkId);
      for (const id of expected) expect(failed, `${id} should fail with defect ${defect}`).toContain(id);
    }, 60_000);
  }
});
