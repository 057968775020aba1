// Each seeded defect of the mock that the API checks are meant to catch makes the expected check
// fail, in both modes, with a message that says what the server did wrong.
import { describe, expect, it } from 'vitest';
import { apiChecks } from '../../../src/conformance/checks/catalogue-part-api.js';
import { defectExpectations } from '../../../src/conformance/self-test/defect-expectations.js';
import { runAgainstMock } from '../../../src/conformance/self-test/run-self-test.js';
import type { DefectName } from '../../../src/mock/defects.js';
import { failures } from './support.js';
import { findingLabel } from '../../../src/conformance/findings.js';

const cases: Array<{ defect: DefectName; check: string; says: RegExp }> = [
  { defect: 'renamed-field', check: 'schema.market', says: /GET \/market: the response does not match the spec/ },
  { defect: 'plain-json-errors', check: 'schema.errors-are-problem-json', says: /11 of 11 error responses are not conforming RFC 9457 problem\+json: .*not application\/problem\+json/ },
  { defect: 'permission-unchecked-orders', check: 'permission.each-operation', says: /placeOrder: POST \/orders by an agent without write:orders answered 201 instead of 403 permission_denied \(the server does not check write:orders/ },
  { defect: 'me-leaks-secret', check: 'permission.secret-never-returned', says: /apiSecret appears in 1 response after registration: GET \/me → 200 \(body\)/ },
  { defect: 'cross-agent-read', check: 'permission.cross-agent-orders', says: /Another agent could reach this agent's order: GET \/orders\/ord_\w+ answered 200/ },
  { defect: 'cancel-canceled', check: 'orders.finished-not-modifiable', says: /DELETE of canceled order ord_\w+ answered 200 instead of 409 order_not_modifiable \(it accepted a change to a finished order\)/ },
];

describe('seeded defects make the API checks meant for them fail', () => {
  it('covers every defect whose expected checks are API checks', () => {
    const ids = new Set(apiChecks.map((c) => c.id));
    const targeted = Object.entries(defectExpectations).filter(([, checks]) => checks.some((id) => ids.has(id))).map(([d]) => d);
    expect(cases.map((c) => c.defect).sort()).toEqual(targeted.sort());
    for (const c of cases) expect(defectExpectations[c.defect]).toContain(c.check);
  });

  for (const { defect, check, says } of cases) {
    it(`${defect} → ${check} fails in both modes`, async () => {
      const summary = await runAgainstMock(apiChecks, [defect], [check]);
      const failed = failures(summary);
      expect(failed.map(findingLabel).sort()).toEqual([`${check} [live]`, `${check} [sandbox]`]);
      for (const f of failed) {
        expect(f.message).toMatch(says);
        expect(f.evidence.length).toBeGreaterThan(0);
      }
    }, 30_000);
  }
});
