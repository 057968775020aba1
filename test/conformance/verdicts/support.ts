// Helpers for the verdict tests: run checks the way the CLI does, and list what did not pass.
import type { Check } from '../../../src/conformance/check.js';
import { findingLabel, type RunSummary } from '../../../src/conformance/findings.js';
import { runChecks } from '../../../src/conformance/run-checks.js';

export function runWhole(baseUrl: string, checks: readonly Check[], extra: { slow?: boolean } = {}): Promise<RunSummary> {
  return runChecks({ baseUrl, checks, modes: ['sandbox', 'live'], allowLiveOrders: true, slow: extra.slow ?? false, timeoutMs: 15_000, seed: 42 });
}

/** `status check [mode]` for every finding that is not a pass, with the message of failures. */
export const notPassed = (summary: RunSummary): string[] =>
  summary.findings.filter((f) => f.status !== 'pass').map((f) => `${f.status} ${findingLabel(f)}${f.status === 'fail' ? `: ${f.message}\n${f.actual}` : ''}`);
