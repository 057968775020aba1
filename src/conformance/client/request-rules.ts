// The request rules as the client runner and the validating proxy use them: thin wrappers over
// src/rules (the same stages the mock runs), each answering one question about one recorded
// request, plus the judge's knowledge for a recording mock's agents.
import { judgeRequest, type Judgement } from '../../rules/judge-request.js';
import type { StageName } from '../../rules/judging.js';
import { isRouteMatch } from '../../rules/match-route.js';
import { apiPipeline, apiRouter, inputOnlyPipeline, type Pipeline } from '../../rules/pipeline.js';
import { createGcra } from '../../rules/gcra.js';
import type { Mode, Permission } from '../../rules/permission.js';
import type { Problem } from '../../rules/problems.js';
import { headerOf, presentHeader, type RawRequest as ArrivedRequest } from '../../rules/raw-request.js';
import type { KnownAgent, RuleState } from '../../rules/rule-state.js';
import type { OperationDef } from '../../rules/runtime.js';
import { apiKeyProblem, modeOfKey, needsSigning, signatureProblem, timestampProblem } from '../../rules/stages/authenticate.js';
import { relativePath } from '../../rules/stages/route.js';
import { FAILED_AUTH_DEFAULTS } from '../../rules/stages/auth-budget.js';
import { issueLine, type ValidationIssue } from '../../rules/zod-issues.js';
import { SIGNING_BASE_PATH } from '../../signing/constants.js';

export { headerOf };

/** A request as recorded or proxied; `receivedAt` only matters to the time window and quotas. */
export type RawRequest = Omit<ArrivedRequest, 'receivedAt'> & { receivedAt?: number };

export type RuleKind = 'route' | 'params' | 'body' | 'auth' | 'quota' | 'permission';

export interface RuleViolation {
  kind: RuleKind;
  /** The problem code the server answers (validation_failed, missing_signature, …). */
  code: string;
  message: string;
}

const arrived = (req: RawRequest, nowMs = req.receivedAt ?? 0): ArrivedRequest => ({ ...req, receivedAt: nowMs });

/** The judge that knows nothing besides the spec: every agent-dependent rule stays undecided. */
const specOnly: RuleState = { agentByKey: () => undefined, secretOf: () => undefined };

export function apiPathOf(path: string): string | null {
  return relativePath(path, SIGNING_BASE_PATH);
}

export function operationOf(req: Pick<RawRequest, 'method' | 'path'>): OperationDef | null {
  const apiPath = apiPathOf(req.path);
  if (apiPath === null) return null;
  const found = apiRouter.lookup(req.method, apiPath);
  return isRouteMatch(found) ? found.op : null;
}

const KIND_OF_STAGE: Record<StageName, RuleKind> = {
  route: 'route',
  'auth-budget': 'quota',
  'body-size': 'body',
  authenticate: 'auth',
  'rate-limit': 'quota',
  authorize: 'permission',
  'parse-body': 'body',
  'validate-input': 'params',
};

/** One violation per problem; a validation_failed one per issue, each naming its location. */
export function violationsOf(found: Problem, stage: StageName, operationId?: string): RuleViolation[] {
  const prefix = operationId ? `${operationId}: ` : '';
  const issues = found.code === 'validation_failed' ? (found.extras.errors as ValidationIssue[] | undefined) : undefined;
  // A named signing mistake is given by its code too, so findings can be grouped by it.
  const mistake = found.extras.mistake as { code: string } | undefined;
  const suffix = mistake ? ` [${mistake.code}]` : '';
  if (!issues || issues.length === 0) return [{ kind: KIND_OF_STAGE[stage], code: found.code, message: `${prefix}${found.detail}${suffix}` }];
  return issues.map((issue) => ({ kind: issue.location === 'body' ? 'body' : 'params', code: found.code, message: `${prefix}${issueLine(issue)}` }));
}

function toViolations(judgement: Judgement): RuleViolation[] {
  if (!judgement.problem || !judgement.stage) return [];
  return violationsOf(judgement.problem, judgement.stage, judgement.judging.op?.operationId);
}

const inputRules: Pipeline = inputOnlyPipeline(apiRouter, SIGNING_BASE_PATH);

/** Route, body, parameters and Content-Type against the spec (the rules that need no agent). */
export function specViolations(req: RawRequest): RuleViolation[] {
  return toViolations(judgeRequest(arrived(req), specOnly, inputRules));
}

/** Whether SIGNING.md asks this request to be signed: a live key, or (non-empty) signing headers. */
export function mustSign(req: RawRequest): boolean {
  const op = operationOf(req);
  if (op === null || op.security === 'none') return false;
  return needsSigning(arrived(req), modeOfKey(presentHeader(req, 'x-nx-key') ?? ''));
}

export function keyViolation(req: RawRequest): RuleViolation | null {
  if (operationOf(req)?.security === 'none') return null;
  const found = apiKeyProblem(presentHeader(req, 'x-nx-key'));
  return found ? violationsOf(found, 'authenticate')[0] ?? null : null;
}

export function timestampViolation(req: RawRequest, nowMs: number): RuleViolation | null {
  const found = timestampProblem(arrived(req, nowMs));
  return found ? (violationsOf(found, 'authenticate')[0] ?? null) : null;
}

/** The signature against the secret; without it, its form only. */
export function signatureViolation(req: RawRequest, secret: string | undefined): RuleViolation | null {
  const mode = modeOfKey(presentHeader(req, 'x-nx-key') ?? '');
  const found = signatureProblem({ raw: arrived(req), apiPath: apiPathOf(req.path) ?? req.path, mode, secret });
  if (found === undefined || found === 'undecided') return null;
  return violationsOf(found, 'authenticate')[0] ?? null;
}

export interface AuthOptions {
  /** The judge's clock (epoch ms) for the ±30 s window. */
  nowMs: number;
  /** The secret of the key, when the judge knows it: then the signature is verified fully. */
  secretFor?: (apiKey: string) => string | undefined;
}

/** A judge that knows secrets for some keys, and nothing else: what a proxy is usually given. */
export function secretsState(secretFor: (apiKey: string) => string | undefined): RuleState {
  return {
    agentByKey: (key) => (secretFor(key) === undefined ? undefined : { agentId: key, mode: modeOfKey(key) }),
    secretOf: (agent) => secretFor(agent.agentId),
  };
}

const authRules: Pipeline = apiPipeline.filter((s) => s.name === 'route' || s.name === 'authenticate');

/** X-NX-Key, X-NX-Signature and X-NX-Timestamp per SIGNING.md: the first failure in its order. */
export function authViolations(req: RawRequest, options: AuthOptions): RuleViolation[] {
  const judgement = judgeRequest(arrived(req, options.nowMs), secretsState(options.secretFor ?? (() => undefined)), authRules);
  // An unroutable request is specViolations' finding; authentication is judged on operations only.
  return judgement.stage === 'authenticate' ? toViolations(judgement) : [];
}

/** An agent the recording mock registered, as the client runner knows it. */
export interface RecordedAgent {
  agentId: string;
  apiKey: string;
  apiSecret: string;
  mode: Mode;
  permissions: readonly Permission[];
}

export interface RecordingKnowledge {
  agents: readonly RecordedAgent[];
  /** Whether `agents` is every agent the mock had: then any other key is refused as unknown. */
  complete: boolean;
  /** The mock's quotas, replayed over the recorded arrival times; without them quotas stay undecided. */
  quotas?: { perAgentPerMinute: number; registrationsPerMinute: number; failedAuthPerKey?: number; failedAuthPerAddress?: number };
}

/** What the client runner knows about the recording mock, as the rules' state. */
export function recordingState(knowledge: RecordingKnowledge): RuleState<KnownAgent & { apiSecret: string }> {
  const byKey = new Map(knowledge.agents.map((a) => [a.apiKey, a]));
  const q = knowledge.quotas;
  const perMinute = (limit: number) => createGcra(limit, 60_000);
  return {
    agentByKey: (key) => byKey.get(key) ?? (knowledge.complete ? null : undefined),
    secretOf: (agent) => agent.apiSecret,
    quotas: q && {
      agent: ((quota) => () => quota)(perMinute(q.perAgentPerMinute)),
      registration: perMinute(q.registrationsPerMinute),
      failedAuth: {
        perKey: perMinute(q.failedAuthPerKey ?? FAILED_AUTH_DEFAULTS.perKey),
        perAddress: perMinute(q.failedAuthPerAddress ?? FAILED_AUTH_DEFAULTS.perAddress),
      },
      windowSeconds: 60,
    },
  };
}

/** The whole verdict of the rules on one recorded request, as the mock gave it. */
export function judgeRecorded<A extends KnownAgent>(req: ArrivedRequest, state: RuleState<A>): Judgement<A> {
  return judgeRequest(req, state);
}
