// Checks one HTTP response seen by a test against the spec, with the same code the conformance
// runner uses (src/conformance/spec-problems.ts), so the mock can't drift from the spec.
import { operationFor, specProblems as exchangeProblems } from '../../src/conformance/spec-problems.js';

export interface SeenResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Returns a list of problems; empty when the response conforms. */
export function specProblems(method: string, apiPath: string, res: SeenResponse): string[] {
  const url = `http://mock.test/v1/agent${apiPath}`;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  if (!operationFor(method, url)) {
    // Unrouted paths must still answer a problem+json 404 or 405.
    const ok = (res.status === 404 || res.status === 405) && (headers['content-type'] ?? '').startsWith('application/problem+json');
    return ok ? [] : [`unrouted ${method} ${apiPath} answered ${res.status} ${headers['content-type'] ?? ''}`];
  }
  return exchangeProblems({
    request: { method, url, headers: {}, body: '' },
    response: { status: res.status, headers, text: res.text, durationMs: 0 },
  });
}

export { responseSpecFor } from '../../src/conformance/spec-problems.js';
