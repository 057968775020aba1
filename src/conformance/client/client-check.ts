// The shape of one client-side check: a pure judgement over one recorded run of the client
// (every request the mock saw, unredacted, plus how the process ended). Each check ends in
// exactly one finding of the same Finding type the server-side runner produces.
import type { Permission } from '../../rules/permission.js';
import type { RawRequestRecord } from '../../mock/index.js';
import type { AgentMode } from '../check.js';

export interface ClientExit {
  /** The exit code, or null when a signal ended the process. */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** Why the command could not start (e.g. ENOENT). */
  error?: string;
}

export interface ClientRun {
  mode: AgentMode;
  scenario: string | null;
  agent: { agentId: string; apiKey: string; apiSecret: string; permissions: readonly Permission[] };
  /** Every API request the mock answered, in order of arrival. */
  requests: RawRequestRecord[];
  exit: ClientExit;
  timeoutMs: number;
  /** How many requests the scenario's injected faults hit. */
  faultHits: number;
}

export type ClientOutcome =
  | { status: 'pass'; message: string }
  | { status: 'skip'; message: string }
  | {
      status: 'fail';
      message: string;
      expected: string;
      actual: string;
      /** The requests that break the rule, first the one `reproduce` shows. */
      offending: RawRequestRecord[];
    };

export interface ClientCheck {
  /** Stable id, `client.what-is-checked` or `scenario.name`. */
  id: string;
  title: string;
  category: 'client';
  /** The spec text the check enforces. */
  spec: string;
  run(run: ClientRun): ClientOutcome;
}

export const pass = (message: string): ClientOutcome => ({ status: 'pass', message });
export const skip = (message: string): ClientOutcome => ({ status: 'skip', message });

export function fail(message: string, expected: string, actual: string, offending: RawRequestRecord[] = []): ClientOutcome {
  return { status: 'fail', message, expected, actual, offending };
}

/** `GET /v1/agent/market?coins=x` for messages. Never carries header values, so never secrets. */
export function describe(rec: RawRequestRecord): string {
  return `${rec.method} ${rec.path}${rec.query ? `?${rec.query}` : ''} → ${rec.status}${rec.problemCode ? ` ${rec.problemCode}` : ''}`;
}

/** A failure listing every offending request, the first one's problem in the message. */
export function failEach(
  bad: readonly { rec: RawRequestRecord; problem: string }[],
  total: number,
  expected: string,
): ClientOutcome {
  const first = bad[0];
  if (!first) return pass(`all ${total} request${total === 1 ? '' : 's'} conform`);
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more of ${total})` : ` (1 of ${total})`;
  const actual = bad.slice(0, 5).map((b) => `${describe(b.rec)}: ${b.problem}`).join('\n');
  return fail(`${describe(first.rec)}: ${first.problem}${more}`, expected, actual, bad.map((b) => b.rec));
}
