// The shape of one client-side check: a pure judgement over one recorded run of the client
// (every request the mock saw, unredacted, plus how the process ended). Each check returns the
// one Outcome type every runner shares, and ends in a Finding through the one run loop.
import type { Permission } from '../../rules/permission.js';
import type { RawRequestRecord } from '../../mock/index.js';
import type { CheckCategory } from '../findings.js';
import { pass, type AgentMode, type Outcome } from '../outcome.js';
import { recordEvidence, reproduceRecord, scrub } from './reproduce.js';
import { shellJoin } from './shell-join.js';

export { pass, skip } from '../outcome.js';

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
  /** The client's argv, for the re-run line of a reproduction. */
  command?: readonly string[];
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

export interface ClientCheck {
  /** Stable id, `client.what-is-checked` or `scenario.name`. */
  id: string;
  title: string;
  category: Extract<CheckCategory, 'client'>;
  /** The spec text the check enforces. */
  spec: string;
  /** Ids of the requirements it covers (requirements/requirements.yaml). */
  requirements?: readonly string[];
  run(run: ClientRun): Outcome;
}

export interface ReproduceOptions {
  /** The offending requests carry a wrong signature: re-send it as is (it reveals nothing usable). */
  literalSignature?: boolean;
  /** The rule is about the client's timing or sequence, which one re-sent request cannot show: re-run the client. */
  rerun?: boolean;
}

/**
 * A failure, with the requests that break the rule as evidence (the first one re-sent by the
 * reproduction). The client may have put its secret anywhere, so every text is scrubbed of it.
 */
export function fail(run: ClientRun, message: string, expected: string, actual: string, offending: readonly RawRequestRecord[] = [], options: ReproduceOptions = {}): Outcome {
  const secret = run.agent.apiSecret;
  const first = offending[0];
  const clean = scrub(message, secret);
  const rerun = rerunLine(run);
  const shown = offending.slice(0, 5).map((r) => `#   ${describe(r)}`);
  return {
    status: 'fail',
    message: clean,
    expected,
    actual: scrub(actual, secret),
    evidence: offending.slice(0, 3).map((r) => recordEvidence(r, secret)),
    reproduce:
      first && !options.rerun
        ? reproduceRecord(first, secret, clean, { literalSignature: options.literalSignature })
        : [`# ${clean.replace(/\n/g, ' ')}`, ...(shown.length > 0 ? ['# the requests, in order:', ...shown] : []), rerun].join('\n'),
  };
}

/** The command that runs this client again, quoted for a shell. */
export function rerunLine(run: ClientRun): string {
  const command = run.command ? scrub(shellJoin(run.command), run.agent.apiSecret) : '<command>';
  return `# run the client again: npx nx-conformance client --mode ${run.mode}${run.scenario ? ` --scenario ${run.scenario}` : ''} -- ${command}`;
}

/** `GET /v1/agent/market?coins=x` for messages. Never carries header values, so never secrets. */
export function describe(rec: RawRequestRecord): string {
  return `${rec.method} ${rec.path}${rec.query ? `?${rec.query}` : ''} → ${rec.status}${rec.problemCode ? ` ${rec.problemCode}` : ''}`;
}

/** A failure listing every offending request, the first one's problem in the message. */
export function failEach(
  run: ClientRun,
  bad: readonly { rec: RawRequestRecord; problem: string }[],
  total: number,
  expected: string,
  options: ReproduceOptions = {},
): Outcome {
  const first = bad[0];
  if (!first) return pass(`all ${total} request${total === 1 ? '' : 's'} conform`);
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more of ${total})` : ` (1 of ${total})`;
  const actual = bad.slice(0, 5).map((b) => `${describe(b.rec)}: ${b.problem}`).join('\n');
  return fail(run, `${describe(first.rec)}: ${first.problem}${more}`, expected, actual, bad.map((b) => b.rec), options);
}
