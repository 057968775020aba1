// A finding is what one check concluded about one target, in one mode. Like zod's issues: a
// discriminated union on `status`, rendered separately for people (pretty) and machines (json,
// junit). Server, client and webhook-receiver checks and the proxy all end in this one type.
import type { AgentMode } from './outcome.js';

export type CheckCategory =
  | 'preflight'
  | 'schema'
  | 'signatures'
  | 'timestamp'
  | 'permissions'
  | 'rate-limits'
  | 'circuit-breakers'
  | 'orders'
  | 'client'
  | 'webhooks';

/** One HTTP exchange, secrets redacted, kept as evidence. */
export interface Evidence {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string } | null;
}

interface FindingBase {
  checkId: string;
  title: string;
  category: CheckCategory;
  /** The agent mode the check ran in (server and client checks); absent where modes do not apply. */
  mode?: AgentMode;
  /** The client-runner scenario the run was under, e.g. 'rate-limit-storm'. */
  scenario?: string;
  /** Milliseconds the check took. */
  durationMs: number;
  /** Which form of the check ran, e.g. 'control-clock' or 'wall-clock' (see the runner's docs). */
  form?: string;
  /** Ids of the requirements (requirements.yaml) the check covers. */
  requirements?: string[];
}

export interface PassFinding extends FindingBase {
  status: 'pass';
  message: string;
}

/** The check tested only part of its claim: not a pass. */
export interface PartialFinding extends FindingBase {
  status: 'partial';
  /** What was tested and found right. */
  message: string;
  /** What was left out. */
  untested: string;
  /** What would test it (the control API, --slow, …). */
  howToTest: string;
}

export interface FailFinding extends FindingBase {
  status: 'fail';
  message: string;
  expected: string;
  actual: string;
  evidence: Evidence[];
  /** A curl command that shows the failure (secrets redacted or replaced by variables). */
  reproduce: string;
  /** The spec text the check enforces. */
  spec: string;
}

export interface SkipFinding extends FindingBase {
  status: 'skip';
  /** Why it did not run. */
  message: string;
  /** The finding that made this check pointless (e.g. 'preflight.clock-offset'). */
  blockedBy?: string;
}

export type Finding = PassFinding | PartialFinding | FailFinding | SkipFinding;
export type FindingStatus = Finding['status'];
export const FINDING_STATUSES = ['pass', 'fail', 'partial', 'skip'] as const satisfies readonly FindingStatus[];

export type Counts = Record<FindingStatus, number>;

/** What produced the run: tells a renderer how to title it. */
export type RunKind = 'server' | 'client' | 'webhook-receiver' | 'proxy' | 'self-test';

/**
 * The verdict: 'fail' when a check failed (or, with strict, was skipped or partial);
 * 'interrupted' when the run was stopped before its end (Ctrl-C), whatever ran so far.
 */
export type Verdict = 'pass' | 'fail' | 'interrupted';

/** Everything a renderer needs, self-describing: renderers take this and nothing else. */
export interface RunSummary {
  kind: RunKind;
  target: string;
  /** The agent modes checked, e.g. ['sandbox', 'live']; empty where modes do not apply. */
  modes: AgentMode[];
  startedAt: string;
  durationMs: number;
  findings: Finding[];
  counts: Counts;
  /** Skips and partials count as failures (--strict). */
  strict: boolean;
  /** The run was stopped before its end; the findings are those of the checks that finished. */
  interrupted: boolean;
  verdict: Verdict;
  /** Present when the run was a self-test against seeded defects. */
  defects?: { caught: number; total: number };
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { pass: 0, fail: 0, partial: 0, skip: 0 };
  for (const f of findings) counts[f.status] += 1;
  return counts;
}

export function verdictOf(counts: Counts, strict: boolean, interrupted: boolean): Verdict {
  if (interrupted) return 'interrupted';
  if (counts.fail > 0) return 'fail';
  if (strict && counts.skip + counts.partial > 0) return 'fail';
  return 'pass';
}

export interface SummaryInput {
  kind: RunKind;
  target: string;
  modes: readonly AgentMode[];
  startedAt: string;
  durationMs: number;
  findings: Finding[];
  strict?: boolean;
  interrupted?: boolean;
  defects?: RunSummary['defects'];
}

/** The one way to build a RunSummary, so counts and verdict always agree with the findings. */
export function summarize(input: SummaryInput): RunSummary {
  const counts = countFindings(input.findings);
  const strict = input.strict ?? false;
  const interrupted = input.interrupted ?? false;
  const summary: RunSummary = {
    kind: input.kind,
    target: input.target,
    modes: [...input.modes],
    startedAt: input.startedAt,
    durationMs: input.durationMs,
    findings: input.findings,
    counts,
    strict,
    interrupted,
    verdict: verdictOf(counts, strict, interrupted),
  };
  if (input.defects) summary.defects = input.defects;
  return summary;
}

/** `signature.missing-rejected [live]`, `client.signature [live/rate-limit-storm]`: a finding's name for people. */
export function findingLabel(f: Pick<Finding, 'checkId' | 'mode' | 'scenario'>): string {
  const where = [f.mode, f.scenario].filter((s): s is string => s !== undefined);
  return where.length > 0 ? `${f.checkId} [${where.join('/')}]` : f.checkId;
}
