// The self-test: run the catalogue against the clean mock (every check must pass) and against
// the mock with each seeded defect (the checks meant for it must fail). Its result is the
// runner's catch rate, `N/M seeded defects caught`.
import { defectNames, type DefectName } from '../../mock/defects.js';
import { startMock, type RunningMock, type StartMockOptions } from '../../mock/index.js';
import type { Check } from '../check.js';
import type { Finding, RunSummary } from '../findings.js';
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
  /** Before each defect's run (progress: the runs take a while). */
  onDefectStart?: (defect: DefectName, checks: readonly string[]) => void;
  /** Each finding of the run against the clean mock, as it comes. */
  onCleanFinding?: (finding: Finding) => void;
}

export interface MockRunHooks {
  /** Sees every request the mock answered (tests use it to learn the runner's agents). */
  onRequest?: StartMockOptions['onRequest'];
  /** Runs after the checks, while the mock still listens (tests re-run the failures' curl scripts). */
  inspect?: (summary: RunSummary, mock: RunningMock) => Promise<void>;
  onFinding?: (finding: Finding) => void;
}

/** The seed of the runner's generated inputs in a self-test (the mock keeps its own default seed). */
export const SELF_TEST_SEED = 42;

export async function runAgainstMock(checks: readonly Check[], defects: readonly DefectName[], only?: readonly string[], hooks: MockRunHooks = {}): Promise<RunSummary> {
  const mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', defects, onRequest: hooks.onRequest });
  try {
    const summary = await runChecks({
      baseUrl: mock.baseUrl,
      checks,
      modes: ['sandbox', 'live'],
      only,
      allowLiveOrders: true,
      slow: false,
      timeoutMs: 10_000,
      seed: SELF_TEST_SEED,
      onFinding: hooks.onFinding,
    });
    await hooks.inspect?.(summary, mock);
    return summary;
  } finally {
    await mock.close();
  }
}

export async function runSelfTest(options: SelfTestOptions): Promise<{ clean: RunSummary; results: DefectResult[] }> {
  const clean = await runAgainstMock(options.checks, [], undefined, { onFinding: options.onCleanFinding });
  const results: DefectResult[] = [];
  for (const defect of options.defects ?? defectNames) {
    const expected = defectExpectations[defect];
    options.onDefectStart?.(defect, expected);
    const summary = await runAgainstMock(options.checks, [defect], options.targeted ? expected : undefined);
    const failed = new Set(summary.findings.filter((f) => f.status === 'fail').map((f) => f.checkId));
    const caughtBy = expected.filter((id) => failed.has(id));
    const result = { defect, expected, caughtBy, caught: caughtBy.length === expected.length, summary };
    results.push(result);
    options.onDefect?.(result);
  }
  return { clean, results };
}
