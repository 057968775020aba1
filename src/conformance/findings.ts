// A finding is what one check concluded. Like zod's issues: a discriminated union on `status`,
// rendered separately for people (pretty) and machines (json, junit).

export type CheckCategory =
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
  /** Milliseconds the check took. */
  durationMs: number;
  /** Which form of the check ran, e.g. 'control-clock' or 'wall-clock' (see the runner's docs). */
  form?: string;
}

export interface PassFinding extends FindingBase {
  status: 'pass';
  message: string;
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
}

export type Finding = PassFinding | FailFinding | SkipFinding;

export interface RunSummary {
  target: string;
  mode: string;
  startedAt: string;
  durationMs: number;
  findings: Finding[];
  counts: { pass: number; fail: number; skip: number };
  /** Present when the run was a self-test against seeded defects. */
  defects?: { caught: number; total: number };
}

export function countFindings(findings: readonly Finding[]): RunSummary['counts'] {
  const counts = { pass: 0, fail: 0, skip: 0 };
  for (const f of findings) counts[f.status] += 1;
  return counts;
}
