// Helpers for the client-runner tests: how to start the example clients (TypeScript compiled for
// this run, test/support/compile-for-spawn.ts, in this process's Node), and synthetic
// recorded requests for the checks' unit tests.
import { fileURLToPath } from 'node:url';
import type { Finding, RunSummary } from '../../src/conformance/findings.js';
import type { ClientRun } from '../../src/conformance/client/index.js';
import type { RawRequestRecord } from '../../src/mock/http/journal.js';
import { findingLabel } from '../../src/conformance/findings.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export { nodeCommand } from '../support/spawn-node.js';
export const python = (file: string): string[] => ['python3', `${ROOT}${file}`];

/** Generous: the suite shares the machine with everything else vitest runs in parallel. */
export const RUN_TIMEOUT_MS = 45_000;

export function finding(summary: RunSummary, id: string): Finding {
  const found = summary.findings.find((f) => findingLabel(f) === id);
  if (!found) throw new Error(`no finding ${id} in ${summary.findings.map(findingLabel).join(', ')}`);
  return found;
}

export const failedIds = (summary: RunSummary): string[] => summary.findings.filter((f) => f.status === 'fail').map(findingLabel);

let seq = 0;

export function rec(overrides: Partial<Omit<RawRequestRecord, 'body'>> & { body?: Buffer | string } = {}): RawRequestRecord {
  seq += 1;
  const { body, ...rest } = overrides;
  return {
    requestId: `req_${seq}`,
    method: 'GET',
    path: '/v1/agent/market',
    query: '',
    headers: { 'x-nx-key': 'nx_test_abc' },
    body: Buffer.from(body ?? ''),
    receivedAt: 1_000,
    at: 1_005,
    operationId: 'getMarket',
    agentId: 'agent_1',
    status: 200,
    problemCode: null,
    responseHeaders: {},
    responseBody: '',
    ...rest,
  };
}

export function clientRun(requests: RawRequestRecord[], overrides: Partial<ClientRun> = {}): ClientRun {
  return {
    mode: 'sandbox',
    scenario: null,
    agent: { agentId: 'agent_1', apiKey: 'nx_test_abc', apiSecret: 'the-secret-0123456789', permissions: ['read:market'] },
    requests,
    exit: { code: 0, signal: null, timedOut: false, durationMs: 10 },
    timeoutMs: 1_000,
    faultHits: 0,
    ...overrides,
  };
}
