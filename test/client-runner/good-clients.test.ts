// The correct example agents pass every check: the Python one (stdlib only) in both modes and
// under every scenario.
import { describe, expect, it } from 'vitest';
import { runClientChecks, scenarioNames } from '../../src/conformance/client/index.js';
import type { RunSummary } from '../../src/conformance/findings.js';
import { RUN_TIMEOUT_MS, failedIds, python } from './support.js';
import { findingLabel } from '../../src/conformance/findings.js';

const PY_AGENT = python('examples/python/agent.py');

function expectAllPass(summary: RunSummary): void {
  expect(failedIds(summary), JSON.stringify(summary.findings.filter((f) => f.status === 'fail'), null, 2)).toEqual([]);
}

describe.concurrent('correct clients pass', () => {
  it('examples/python/agent.py in sandbox and live mode', { timeout: 2 * RUN_TIMEOUT_MS }, async () => {
    const summary = await runClientChecks({ command: PY_AGENT, modes: ['sandbox', 'live'], timeoutMs: RUN_TIMEOUT_MS });
    expectAllPass(summary);
    // Live mode really judged signatures (a skip would hide a broken recorder).
    expect(summary.findings.find((f) => findingLabel(f) === 'client.signature [live]')?.status).toBe('pass');
    expect(summary.counts.pass).toBeGreaterThanOrEqual(12);
  });

  for (const scenario of scenarioNames) {
    it(`examples/python/agent.py under --scenario ${scenario}`, { timeout: RUN_TIMEOUT_MS + 15_000 }, async () => {
      // The plain run is the test above; here only the scenario's run (baseline: false).
      const summary = await runClientChecks({ command: PY_AGENT, modes: ['live'], scenarios: [scenario], baseline: false, timeoutMs: RUN_TIMEOUT_MS });
      expectAllPass(summary);
      expect(summary.findings.find((f) => findingLabel(f) === `scenario.${scenario} [live/${scenario}]`)?.status).toBe('pass');
    });
  }
  // The TypeScript agent runs through every scenario in test/examples/example-agent-runner.test.ts.
});
