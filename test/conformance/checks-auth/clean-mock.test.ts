// The signing, timestamp, rate-limit and circuit-breaker checks against the clean mock: every
// one passes in every mode it declares, none skips, and the fast forms (control API) are used.
import { describe, expect, it } from 'vitest';
import { authChecks } from '../../../src/conformance/checks/catalogue-part-auth.js';
import { runAgainstMock } from '../../../src/conformance/self-test/run-self-test.js';
import { lines } from './support.js';
import { findingLabel } from '../../../src/conformance/findings.js';

describe('the auth checks against the clean mock', () => {
  it('all pass, none skips, in every declared mode', async () => {
    const summary = await runAgainstMock(authChecks, []);
    expect(lines(summary).filter((l) => !l.startsWith('pass'))).toEqual([]);
    const expected = authChecks.flatMap((c) => c.modes.map((m) => `${c.id} [${m}]`)).sort();
    expect(summary.findings.map(findingLabel).sort()).toEqual(expected);
  }, 30_000);

  it('uses the control API forms: the virtual clock for Retry-After, a price shift for the daily loss', async () => {
    const summary = await runAgainstMock(authChecks, [], ['rate-limit.recovers-after-retry-after', 'breaker.daily-loss-latches', 'breaker.reduce-only-passes']);
    const forms = Object.fromEntries(summary.findings.map((f) => [findingLabel(f), f.status === 'pass' ? f.form : f.status]));
    expect(forms).toEqual({
      'rate-limit.recovers-after-retry-after [sandbox]': 'control-clock',
      'breaker.daily-loss-latches [live]': 'control-price',
      'breaker.reduce-only-passes [live]': 'control-price',
    });
  }, 30_000);

  it('every check quotes the rule it enforces and keeps to its category and id scheme', () => {
    const prefixes: Record<string, string> = { signatures: 'signature.', timestamp: 'timestamp.', 'rate-limits': 'rate-limit.', 'circuit-breakers': 'breaker.' };
    for (const check of authChecks) {
      expect(check.id.startsWith(prefixes[check.category] ?? '?'), check.id).toBe(true);
      expect(check.spec.length, check.id).toBeGreaterThan(40);
      expect(check.needs.register, check.id).toBe(true);
    }
    expect(new Set(authChecks.map((c) => c.id)).size).toBe(authChecks.length);
  });
});
