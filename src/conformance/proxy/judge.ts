// The proxy's two judgements: the request before it goes upstream (the request rules of src/rules,
// with the proxy's clock for the window and only the secrets it was given), and the answer before it
// goes back (the spec's documented statuses, content types, headers and schemas, via specProblems).
import { judgeRequest, type Judgement } from '../../rules/judge-request.js';
import type { RawRequest } from '../../rules/raw-request.js';
import { operationOf, secretsState, violationsOf, type RuleViolation } from '../client/request-rules.js';
import { specProblems } from '../spec-problems.js';
import type { Upstream } from './forward.js';

/**
 * The rules' verdict with what the proxy knows: its clock and the secrets it was given. It keeps no
 * quota and knows no permissions: those rules stay undecided, never guessed.
 */
export function judgeProxied(req: RawRequest, secrets: ReadonlyMap<string, string>): Judgement {
  return judgeRequest(req, secretsState((key) => secrets.get(key)));
}

/** What a conformant server answers to this request, as violations (none when the rules pass). */
export function requestViolations(req: RawRequest, secrets: ReadonlyMap<string, string>): RuleViolation[] {
  const judgement = judgeProxied(req, secrets);
  if (!judgement.problem || !judgement.stage) return [];
  return violationsOf(judgement.problem, judgement.stage, judgement.judging.op?.operationId);
}

export function responseViolations(method: string, path: string, upstream: Upstream): string[] {
  const contentType = upstream.headers['content-type'] ?? '';
  if (!operationOf({ method, path })) {
    // No operation: the only conformant answer is a problem+json 404 or 405.
    const ok = (upstream.status === 404 || upstream.status === 405) && contentType.startsWith('application/problem+json');
    return ok ? [] : [`${method} ${path} is no operation of the spec, yet answered ${upstream.status} ${contentType || 'without Content-Type'}`];
  }
  // HEAD is answered as GET without a body: judge the headers only (specProblems would want the body).
  const text = method === 'HEAD' ? null : upstream.body.toString('utf8');
  if (text === null) return [];
  return specProblems({
    request: { method, url: `http://proxy.invalid${path}`, headers: {}, body: '' },
    response: { status: upstream.status, headers: upstream.headers, text, durationMs: 0 },
  });
}
