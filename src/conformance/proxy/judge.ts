// The proxy's two judgements: the request before it goes upstream (spec + signing rules, with
// the proxy's own clock for the window) and the answer before it goes back (the spec's
// documented statuses, content types, headers and schemas, via specProblems).
import { authViolations, operationOf, specViolations, type RawRequest, type RuleViolation } from '../client/request-rules.js';
import { specProblems } from '../spec-problems.js';
import type { Upstream } from './forward.js';

export function requestViolations(req: RawRequest, nowMs: number, secrets: ReadonlyMap<string, string>): RuleViolation[] {
  return [...specViolations(req), ...authViolations(req, { nowMs, secretFor: (key) => secrets.get(key) })];
}

export function responseViolations(method: string, path: string, upstream: Upstream): string[] {
  const contentType = upstream.headers['content-type'] ?? '';
  if (!operationOf({ method, path })) {
    // No operation: the only conformant answer is a problem+json 404 or 405.
    const ok = (upstream.status === 404 || upstream.status === 405) && contentType.startsWith('application/problem+json');
    return ok ? [] : [`${method} ${path} is no operation of the spec, yet answered ${upstream.status} ${contentType || 'without Content-Type'}`];
  }
  return specProblems({
    request: { method, url: `http://proxy.invalid${path}`, headers: {}, body: '' },
    response: { status: upstream.status, headers: upstream.headers, text: upstream.body.toString('utf8'), durationMs: 0 },
  });
}
