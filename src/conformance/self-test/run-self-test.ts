// The self-test: run the catalogue against the clean mock (every check must pass) and against
// the mock with each seeded defect (the checks meant for it must fail). Its result is the
// runner's catch rate, `N/M seeded defects caught`.
import { defectNames, type DefectName } from '../../mock/defects.js';
import { startMock } from '../../mock/index.js';
import type { Check } from '../check.js';
import type { RunSummary } from '../findings.js';
import { runChecks } from '../run-checks.js';
import { defectExpectations } from './defect-expectations.js';

export interface DefectResult {
  defect: DefectName;
  expected: readonly string[];
  /** Expected checks that failed. */
  caughtBy: string[];
  caught: boolean;
  summary: RunSummary;
}

export interface SelfTestOptions {
  checks: readonly Check[];
  defects?: readonly DefectName[];
  /** Run only the checks each defect expects (fast) instead of the whole catalogue. */
  targeted?: boolean;
  onDefect?: (result: DefectResult) => void;
}

export async function runAgainstMock(checks: readonly Check[], defects: readonly DefectName[], only?: readonly string[]): Promise<RunSummary> {
  const mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', defects });
  try {
    return await runChecks({
      baseUrl: mock.baseUrl,
      checks,
      modes: ['sandbox', 'live'],
      only,
      allowLiveOrders: true,
      slow: false,
      timeoutMs: 10_000,
      seed: 42,
    });
  } finally {
    await mock.close();
  }
}

export async function runSelfTest(options: SelfTestOptions): Promise<{ clean: RunSummary; results: DefectResult[] }> {
  const clean = await runAgainstMock(options.checks, []);
  const results: DefectResult[] = [];
  for (const defect of options.defects ?? defectNames) {
    const expected = defectExpectations[defect];
    const summary = await runAgainstMock(options.checks, [defect], options.targeted ? expected : undefined);
    const failed = new Set(summary.findings.filter((f) => f.status === 'fail').map((f) => f.checkId));
    const caughtBy = expected.filter((id) => failed.has(id));
    const result = { defect, expected, caughtBy, caught: caughtBy.length === expected.length, summary };
    results.push(result);
    options.onDefect?.(result);
  }
  return { clean, results };
}
