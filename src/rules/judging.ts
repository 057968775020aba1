// The record one request's judgement builds up as the stages run, and the stage contract. Each
// stage reads what earlier stages found and either adds to it or returns the problem a server
// answers. Stages never throw for bad input and never do I/O.
import type { Problem } from './problems.js';
import type { RateDecision } from './gcra.js';
import type { RawRequest } from './raw-request.js';
import type { KnownAgent, RuleState } from './rule-state.js';
import type { OperationDef } from './runtime.js';

export type StageName = 'route' | 'auth-budget' | 'body-size' | 'authenticate' | 'rate-limit' | 'authorize' | 'parse-body' | 'validate-input';

/** A rule the judge could not decide for lack of knowledge, and why. */
export interface Undecided {
  stage: StageName;
  reason: string;
}

export interface Judging<A extends KnownAgent = KnownAgent> {
  /** Replaced once by an HTTP adapter that reads the body after the early stages. */
  raw: RawRequest;
  readonly state: RuleState<A>;
  /** The path relative to the API base, as received (what signatures cover). */
  apiPath?: string;
  op?: OperationDef;
  /** Raw (still percent-encoded) path parameters. */
  rawParams?: Record<string, string>;
  /** The agent the key belongs to (authenticated operations, known agents only). */
  agent?: A;
  /** The quota decision, for the RateLimit headers of whatever answer follows ('default' policy unless named). */
  rate?: { decision: RateDecision; windowSeconds: number; policy?: string };
  /** The request body parsed as JSON (before validation), then the validated input. */
  json?: unknown;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  readonly undecided: Undecided[];
}

export interface Stage {
  readonly name: StageName;
  /** Whether the stage reads the body: an HTTP adapter reads it just before the first such stage. */
  readonly needsBody: boolean;
  run<A extends KnownAgent>(j: Judging<A>): Problem | undefined;
}

export function newJudging<A extends KnownAgent>(raw: RawRequest, state: RuleState<A>): Judging<A> {
  return { raw, state, undecided: [] };
}
