// Small tools for the verdict tests that put the mock behind a proxy breaking one rule: edit an
// answer's JSON, answer 200 instead, and expect a check to fail with a given message.
import { expect } from 'vitest';
import type { Check } from '../../../src/conformance/check.js';
import { runAgainstBroken, type Breakage, type ProxiedRequest, type ProxiedResponse } from '../checks-auth/support.js';

export const path = (req: ProxiedRequest): string => req.url.replace(/\?.*$/, '');
export const json = (res: ProxiedResponse): Record<string, unknown> => JSON.parse(res.body) as Record<string, unknown>;

export const rewrite = (res: ProxiedResponse, edit: (body: Record<string, unknown>) => void): void => {
  const body = json(res);
  edit(body);
  res.body = JSON.stringify(body);
};

export const ok = (res: ProxiedResponse, body: unknown, status = 200): void => {
  res.status = status;
  res.headers['content-type'] = 'application/json';
  res.body = JSON.stringify(body);
};

/** The first failure of `check` against the mock behind `breakage` must say `says`. */
export async function expectCaught(check: Check, breakage: Breakage, says: RegExp, options: Parameters<typeof runAgainstBroken>[2] = {}): Promise<void> {
  const summary = await runAgainstBroken(breakage, [check.id], options, [check]);
  const failed = summary.findings.filter((f) => f.status === 'fail');
  expect(failed.length, summary.findings.map((f) => `${f.status} ${f.checkId}: ${f.message}`).join('\n')).toBeGreaterThan(0);
  expect(failed[0]?.message).toMatch(says);
}
