// Runs a failing finding's `reproduce` script (bash, curl, openssl) against the server that failed,
// with the agent's key and secret in NX_API_KEY / NX_API_SECRET as a user would set them, and
// requires the script to reproduce the failure: the same HTTP status, and the same problem code,
// as the exchange the finding shows last. Every broken-server and seeded-defect test runs it on
// every failure it provokes (Schemathesis-style: a reproduction is itself tested).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { FailFinding, Finding, RunSummary } from '../../../src/conformance/findings.js';

const run = promisify(execFile);

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

/** The runner's agents, learnt from the POST /register answers that went by. */
export function createCredentialLog() {
  const byPrefix = new Map<string, Credentials>();
  return {
    /** Feed every answer to POST /register (the body as sent back). */
    registered(responseBody: string): void {
      try {
        const agent = (JSON.parse(responseBody) as { agent?: { apiKey?: unknown; apiSecret?: unknown } }).agent;
        if (typeof agent?.apiKey === 'string' && typeof agent.apiSecret === 'string') byPrefix.set(agent.apiKey.slice(0, 12), { apiKey: agent.apiKey, apiSecret: agent.apiSecret });
      } catch {
        // not a registration answer
      }
    },
    /** The agent of a redacted `nx_live_AbCd…` key, as evidence shows it. */
    lookup(redacted: string | undefined): Credentials | undefined {
      return redacted === undefined ? undefined : byPrefix.get(redacted.slice(0, 12));
    },
  };
}

export type CredentialLog = ReturnType<typeof createCredentialLog>;

const codeOf = (body: string): unknown => {
  try {
    return (JSON.parse(body) as { code?: unknown }).code;
  } catch {
    return undefined;
  }
};

/** The last response of curl -i output: its status and body. */
function lastResponse(output: string): { status: number; body: string } | undefined {
  const heads = [...output.matchAll(/^HTTP\/[\d.]+ (\d{3})[^\n]*\n([\s\S]*?)\r?\n\r?\n/gm)];
  const last = heads.at(-1);
  if (!last || last.index === undefined) return undefined;
  const bodyStart = last.index + last[0].length;
  const next = output.indexOf('\nHTTP/', bodyStart);
  return { status: Number(last[1]), body: output.slice(bodyStart, next === -1 ? undefined : next).trim() };
}

export async function expectReproduces(finding: FailFinding, credentials: CredentialLog, env: Record<string, string> = {}): Promise<void> {
  const shown = finding.evidence.at(-1);
  if (!shown?.response) return;
  const agent = credentials.lookup(shown.request.headers['x-nx-key']);
  // Through a file: a script can carry a body of a megabyte, more than one argument may hold.
  const dir = await mkdtemp(join(tmpdir(), 'nx-reproduce-'));
  const script = join(dir, 'reproduce.sh');
  await writeFile(script, finding.reproduce);
  const { stdout } = await run('bash', [script], {
    env: { ...process.env, NX_API_KEY: agent?.apiKey ?? '', NX_API_SECRET: agent?.apiSecret ?? '', ...env },
    timeout: 20_000,
    maxBuffer: 16 * 1024 * 1024,
  }).finally(() => rm(dir, { recursive: true, force: true }));
  const got = lastResponse(stdout);
  const label = `${finding.checkId} [${finding.mode ?? '-'}]: ${finding.message}\n--- reproduce:\n${finding.reproduce}\n--- output:\n${stdout.slice(0, 1500)}`;
  expect(got?.status, label).toBe(shown.response.status);
  const code = codeOf(shown.response.body);
  if (code !== undefined) expect(codeOf(got?.body ?? ''), label).toBe(code);
}

/** Runs the reproduction of every failure in the summary (they run one after the other: state matters). */
export async function expectFailuresReproduce(summary: RunSummary, credentials: CredentialLog): Promise<number> {
  const failures = summary.findings.filter((f: Finding): f is FailFinding => f.status === 'fail');
  for (const f of failures) await expectReproduces(f, credentials);
  return failures.length;
}
