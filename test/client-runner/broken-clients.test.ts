// Every deliberately broken example client, run for real against the recording mock in live
// mode: each must fail the check meant for its mistake, with the mistake named.
import { describe, expect, it } from 'vitest';
import { runClientChecks } from '../../src/conformance/client/index.js';
import { RUN_TIMEOUT_MS, failedIds, finding, python, tsx } from './support.js';

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
  { command: tsx(`${T}signs-seconds.ts`), check: 'client.signature', says: 'seconds_timestamp' },
  { command: python(`${P}signs_seconds.py`), check: 'client.timestamp', says: 'looks like seconds' },
  { command: tsx(`${T}signs-full-path.ts`), check: 'client.signature', says: 'full_path_signed' },
  { command: python(`${P}signs_full_path.py`), check: 'client.signature', says: 'full_path_signed' },
  { command: tsx(`${T}signs-query.ts`), check: 'client.signature', says: 'query_signed' },
  { command: python(`${P}signs_query.py`), check: 'client.signature', says: 'query_signed' },
  { command: tsx(`${T}reserialises-body.ts`), check: 'client.signature', says: 'reserialised_body' },
  { command: python(`${P}reserialises_body.py`), check: 'client.signature', says: 'reserialised_body' },
  { command: tsx(`${T}omits-timestamp.ts`), check: 'client.timestamp', says: 'missing_timestamp' },
  { command: python(`${P}omits_timestamp.py`), check: 'client.timestamp', says: 'missing_timestamp' },
  { command: tsx(`${T}undocumented-field.ts`), check: 'client.spec-valid', says: "unknown field 'timeInForce'" },
  { command: tsx(`${T}ignores-retry-after.ts`), scenario: 'rate-limit-storm', check: 'client.rate-limit', says: 'Retry-After asked for 1 s' },
  { command: tsx(`${T}ignores-retry-after.ts`), scenario: 'rate-limit-storm', check: 'scenario.rate-limit-storm', says: 'Retried' },
  { command: tsx(`${T}retries-without-client-order-id.ts`), scenario: 'transient-503', check: 'scenario.transient-503', says: 'without a clientOrderId' },
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
      // Only the checks a broken client can be expected to fail besides its own.
      const allowed = new Set([id, `client.exit [${where}]`, ...(c.scenario === 'rate-limit-storm' ? [`client.rate-limit [${where}]`, `scenario.rate-limit-storm [${where}]`] : [])]);
      expect(failedIds(summary).filter((x) => !allowed.has(x))).toEqual([]);
    });
  }
});
