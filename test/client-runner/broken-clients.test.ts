// Every deliberately broken example client, run for real against the recording mock in live
// mode: each must fail the check meant for its mistake, with the mistake named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClientChecks } from '../../src/conformance/client/index.js';
import type { FailFinding } from '../../src/conformance/findings.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { createCredentialLog, expectReproduces } from '../conformance/support/reproduce.js';
import { RUN_TIMEOUT_MS, failedIds, finding, nodeCommand, python } from './support.js';

// The failures' reproductions re-send the offending request to `npx nx-conformance mock` on its
// defaults; here, to a mock of the test's own, with an agent of the same mode as theirs.
let mock: RunningMock;
const credentials = createCredentialLog();
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

async function expectCurlReproduces(f: FailFinding): Promise<void> {
  if (!f.reproduce.includes('curl ')) return; // a rule about timing or sequence: the client is re-run instead
  const register = await fetch(`${mock.baseUrl}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'reproduction', mode: 'live', permissions: ['read:market', 'read:portfolio', 'write:orders', 'read:sentiment', 'read:social', 'write:webhook'] }),
  });
  const text = await register.text();
  credentials.registered(text);
  const key = (JSON.parse(text) as { agent: { apiKey: string } }).agent.apiKey;
  // The evidence names the recording mock's agent; the reproduction uses this mock's.
  const here = { ...f, reproduce: f.reproduce.replaceAll('http://127.0.0.1:4010', mock.url) };
  const last = here.evidence.at(-1);
  if (last) last.request.headers['x-nx-key'] = key;
  await expectReproduces(here, credentials);
}

interface Case {
  command: string[];
  scenario?: string;
  /** The check that must fail, and text its message must contain. */
  check: string;
  says: string;
}

const T = 'examples/broken/typescript/';
const P = 'examples/broken/python/';

const cases: Case[] = [
  { command: nodeCommand(`${T}signs-seconds.ts`), check: 'client.signature', says: 'seconds_timestamp' },
  { command: python(`${P}signs_seconds.py`), check: 'client.timestamp', says: 'looks like seconds' },
  { command: nodeCommand(`${T}signs-full-path.ts`), check: 'client.signature', says: 'full_path_signed' },
  { command: python(`${P}signs_full_path.py`), check: 'client.signature', says: 'full_path_signed' },
  { command: nodeCommand(`${T}signs-query.ts`), check: 'client.signature', says: 'query_signed' },
  { command: python(`${P}signs_query.py`), check: 'client.signature', says: 'query_signed' },
  { command: nodeCommand(`${T}reserialises-body.ts`), check: 'client.signature', says: 'reserialised_body' },
  { command: python(`${P}reserialises_body.py`), check: 'client.signature', says: 'reserialised_body' },
  { command: nodeCommand(`${T}omits-timestamp.ts`), check: 'client.timestamp', says: 'missing_timestamp' },
  { command: python(`${P}omits_timestamp.py`), check: 'client.timestamp', says: 'missing_timestamp' },
  { command: nodeCommand(`${T}undocumented-field.ts`), check: 'client.spec-valid', says: "unknown field 'timeInForce'" },
  { command: nodeCommand(`${T}ignores-retry-after.ts`), scenario: 'rate-limit-storm', check: 'client.rate-limit', says: 'Retry-After asked for 1 s' },
  { command: nodeCommand(`${T}ignores-retry-after.ts`), scenario: 'rate-limit-storm', check: 'scenario.rate-limit-storm', says: 'Retried' },
  { command: nodeCommand(`${T}retries-without-client-order-id.ts`), scenario: 'transient-503', check: 'scenario.transient-503', says: 'without a clientOrderId' },
];

describe.concurrent('broken example clients fail the right check', () => {
  for (const c of cases) {
    const name = `${c.command.at(-1)?.replace(/^.*examples\//, '')}${c.scenario ? ` (${c.scenario})` : ''} → ${c.check}`;
    it(name, { timeout: RUN_TIMEOUT_MS + 15_000 }, async () => {
      // Under a scenario only its run matters here (baseline: false keeps each case one client run).
      const summary = await runClientChecks({ command: c.command, modes: ['live'], scenarios: c.scenario ? [c.scenario] : [], baseline: false, timeoutMs: RUN_TIMEOUT_MS });
      const where = c.scenario ? `live/${c.scenario}` : 'live';
      const id = `${c.check} [${where}]`;
      const f = finding(summary, id);
      expect(f.status, `${id}: ${JSON.stringify(f)}`).toBe('fail');
      if (f.status !== 'fail') return;
      expect(f.message).toContain(c.says);
      expect(f.reproduce).toContain('/v1/agent/');
      await expectCurlReproduces(f);
      // Only the checks a broken client can be expected to fail besides its own.
      const allowed = new Set([id, `client.exit [${where}]`, ...(c.scenario === 'rate-limit-storm' ? [`client.rate-limit [${where}]`, `scenario.rate-limit-storm [${where}]`] : [])]);
      expect(failedIds(summary).filter((x) => !allowed.has(x))).toEqual([]);
    });
  }
});
