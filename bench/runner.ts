// The conformance runner's wall time: the whole server-side catalogue against a fresh local mock.
import { performance } from 'node:perf_hooks';
import { catalogue } from '../src/conformance/catalogue.js';
import { runAgainstMock } from '../src/conformance/self-test/run-self-test.js';

export interface RunnerResult {
  checks: number;
  wallMs: number;
  counts: Record<string, number>;
}

export async function runRunnerBench(): Promise<RunnerResult> {
  const start = performance.now();
  const summary = await runAgainstMock(catalogue, []);
  return { checks: catalogue.length, wallMs: performance.now() - start, counts: { ...summary.counts } };
}
