// Runs examples/typescript/agent.ts through the client-side conformance runner, as
// `nx-conformance client -- npx tsx examples/typescript/agent.ts` does: in sandbox and live mode,
// and in live mode under every scenario (429 storm, transient 503, latency, clock skew, tripped
// daily-loss breaker). Every finding must pass; the only skips allowed are the signing checks in
// sandbox, where the agent (rightly) signs nothing.
import { describe, expect, it } from 'vitest';
import { clientChecks, runClientChecks, scenarioNames, type ClientRunOptions } from '../../src/conformance/client/index.js';
import type { RunSummary } from '../../src/conformance/findings.js';
import { RUN_TIMEOUT_MS, nodeCommand } from '../client-runner/support.js';
import { findingLabel } from '../../src/conformance/findings.js';

const AGENT = nodeCommand('examples/typescript/agent.ts');

/** What each scenario makes the agent print, besides finishing. */
const SAYS: Record<string, RegExp> = {
  'rate-limit-storm': /(429 on GET \/me: waiting 1 s as Retry-After asks\n){3}/,
  'transient-503': /503 on POST \/orders: retrying in 250 ms/,
  latency: /Canceled ord_/,
  'clock-skew': /Canceled ord_/,
  'breaker-tripped': /Order refused: Daily loss limit[^\n]*\nDaily-loss breaker tripped: no more orders that add risk until /,
};

async function run(options: Omit<ClientRunOptions, 'command'>): Promise<{ summary: RunSummary; output: string }> {
  const lines: string[] = [];
  const summary = await runClientChecks({ command: AGENT, timeoutMs: RUN_TIMEOUT_MS, ...options, onOutput: (line) => lines.push(line) });
  return { summary, output: lines.join('\n') };
}

/** Every finding passes, but for the skips named; the failures and the agent's output as the message. */
function expectAllPass({ summary, output }: { summary: RunSummary; output: string }, allowedSkips: string[] = []): void {
  const notPassed = summary.findings.filter((f) => f.status !== 'pass' && !allowedSkips.includes(findingLabel(f)));
  expect(notPassed, `${JSON.stringify(notPassed, null, 2)}\nagent output:\n${output}`).toEqual([]);
  expect(summary.counts.fail).toBe(0);
}

describe.concurrent('examples/typescript/agent.ts through the client runner', () => {
  it('passes every check in sandbox and live mode', { timeout: 2 * RUN_TIMEOUT_MS }, async () => {
    const result = await run({ modes: ['sandbox', 'live'] });
    expectAllPass(result, ['client.signature [sandbox]', 'client.timestamp [sandbox]']);
    // Live mode really judged signatures and timestamps.
    for (const id of ['client.signature [live]', 'client.timestamp [live]', 'client.exit [sandbox]', 'client.exit [live]']) {
      expect(result.summary.findings.find((f) => findingLabel(f) === id)?.status, id).toBe('pass');
    }
    expect(result.summary.counts.pass).toBe(2 * clientChecks.length - 2);
  });

  it('covers every scenario the runner knows', () => {
    expect([...scenarioNames].sort()).toEqual(Object.keys(SAYS).sort());
  });

  for (const scenario of scenarioNames) {
    it(`passes every check under --scenario ${scenario} (live)`, { timeout: RUN_TIMEOUT_MS + 15_000 }, async () => {
      const result = await run({ modes: ['live'], scenarios: [scenario], baseline: false }); // the plain run is the test above
      expectAllPass(result);
      expect(result.summary.findings.find((f) => findingLabel(f) === `scenario.${scenario} [live/${scenario}]`)?.status).toBe('pass');
      expect(result.summary.findings).toHaveLength(clientChecks.length + 1); // the client checks and the scenario's own
      expect(result.output).toMatch(SAYS[scenario] ?? /^$/);
    });
  }
});
