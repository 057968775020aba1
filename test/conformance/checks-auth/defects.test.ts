// Each seeded defect of the mock that targets these checks is caught by the checks meant for it
// (src/conformance/self-test/defect-expectations.ts), and the failure says plainly what the
// server did wrong.
import { describe, expect, it } from 'vitest';
import { authChecks } from '../../../src/conformance/checks/catalogue-part-auth.js';
import { defectExpectations } from '../../../src/conformance/self-test/defect-expectations.js';
import { runAgainstMock } from '../../../src/conformance/self-test/run-self-test.js';
import type { DefectName } from '../../../src/mock/defects.js';
import { authIds, failuresOf } from './support.js';

/** What the failure message of each expected check must say, per defect. */
const messages: Partial<Record<DefectName, Record<string, RegExp>>> = {
  'no-signature-check': {
    'signature.wrong-secret-rejected': /accepted GET \/me signed with a wrong secret \(answered 200\); it must refuse it with 401 invalid_signature/,
  },
  'wide-window': {
    'timestamp.outside-window-rejected': /accepted GET \/me with X-NX-Timestamp 31 s behind the server clock/,
    'timestamp.window-edges-exact': /accepted GET \/me with X-NX-Timestamp exactly 30001 ms behind the server clock/,
  },
  'timestamp-seconds': {
    'signature.canonical-accepted': /refused GET \/market\?coins=bitcoin .*although it was signed exactly as SIGNING\.md says: it answered 401 timestamp_out_of_window/,
    'timestamp.seconds-rejected': /accepted GET \/me with X-NX-Timestamp \d{10} \(the current time in seconds/,
  },
  'query-in-signature': {
    'signature.canonical-accepted': /refused GET \/market\?coins=bitcoin signed over "\/market" \(the query string is not signed\).*401 invalid_signature/,
    'signature.query-not-signed': /accepted GET \/market\?coins=bitcoin signed over '\/market\?coins=bitcoin'/,
  },
  'full-path-in-signature': {
    'signature.canonical-accepted': /refused GET \/market\?coins=bitcoin.*401 invalid_signature/,
    'signature.full-path-rejected': /accepted GET \/me signed over '\/v1\/agent\/me'/,
  },
  'no-rate-limit': {
    'rate-limit.burst-then-429': /accepted 61 requests from one fresh agent within \d+\.\d\d s, whose limit is 60 per 60 s: at most 60 can be allowed then \(the quota, plus one per 1 s that passed on a virtual clock\); the rate limit is not enforced/,
  },
  'rate-limit-per-address': {
    'rate-limit.per-agent': /Agent B, which had quota left, was refused with 429 .*instead of per agent/,
  },
  'no-retry-after': {
    'rate-limit.burst-then-429': /The 429 carries no Retry-After header/,
  },
  'ignore-max-position': {
    'breaker.max-position-enforced': /accepted a buy that takes the projected BTC notional to ~\d+ USD, above the agent's maxPositionSize of 1000 USD/,
  },
  'unlatched-daily-loss': {
    'breaker.daily-loss-latches': /The daily-loss breaker reset as soon as the \w+ price recovered/,
  },
};

const targeted = (Object.entries(defectExpectations) as [DefectName, readonly string[]][])
  .map(([defect, ids]) => [defect, ids.filter((id) => authIds.has(id))] as const)
  .filter(([, ids]) => ids.length > 0);

describe('seeded defects are caught by the auth checks', () => {
  it('has a message expectation for every (defect, auth check) pair', () => {
    const pairs = targeted.flatMap(([defect, ids]) => ids.map((id) => `${defect} → ${id}`));
    const covered = Object.entries(messages).flatMap(([defect, byId]) => Object.keys(byId).map((id) => `${defect} → ${id}`));
    expect(covered.sort()).toEqual(pairs.sort());
    expect(authChecks.length).toBe(27);
  });

  for (const [defect, ids] of targeted) {
    it(`${defect} → ${ids.join(', ')} fail, saying what is wrong`, async () => {
      const summary = await runAgainstMock(authChecks, [defect], ids);
      for (const id of ids) {
        const failures = failuresOf(summary, id);
        expect(failures.length, `${id} should fail with ${defect}`).toBeGreaterThan(0);
        const pattern = messages[defect]?.[id];
        if (pattern) expect(failures.map((f) => f.message).join('\n')).toMatch(pattern);
        for (const f of failures) {
          expect(f.evidence.length).toBeGreaterThan(0);
          expect(f.reproduce).toMatch(/curl /);
          expect(f.reproduce).not.toContain('nx_live_');
        }
      }
    }, 30_000);
  }
});
