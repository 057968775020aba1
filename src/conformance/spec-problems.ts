// Checks one exchange against the spec through the generated operation table: documented
// status, content type, required headers, and a body valid against the response schema.
import type { Exchange } from '../client/agent-client.js';
import type { OperationDef } from '../rules/runtime.js';
import { operationList } from '../generated/operations.js';
import { createRouter } from '../rules/match-route.js';

const router = createRouter(operationList);

export function responseSpecFor(op: OperationDef, status: number) {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

export function operationFor(method: string, url: string): OperationDef | null {
  const path = new URL(url).pathname.replace(/^.*?\/v1\/agent/, '');
  try {
    return router.match(method, path).op;
  } catch {
    return null;
  }
}

export function specProblems(exchange: Exchange): string[] {
  const { request, response } = exchange;
  const op = operationFor(request.method, request.url);
  if (!op) return [`${request.method} ${request.url} is not an operation of the spec`];
  const spec = responseSpecFor(op, response.status);
  if (!spec) return [`${op.operationId}: status ${response.status} is not documented`];
  const problems: string[] = [];
  const contentType = response.headers['content-type'] ?? '';
  if (spec.contentType === null) {
    if (response.text.length > 0) problems.push(`${op.operationId} ${response.status}: expected no body, got ${response.text.length} bytes`);
  } else {
    if (!contentType.startsWith(spec.contentType)) {
      problems.push(`${op.operationId} ${response.status}: Content-Type is '${contentType || 'none'}', expected ${spec.contentType}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return [...problems, `${op.operationId} ${response.status}: the body is not JSON`];
    }
    const parsed = spec.schema?.safeParse(body);
    if (parsed && !parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) problems.push(`${op.operationId} ${response.status}: /${issue.path.join('/')}: ${issue.message}`);
    }
  }
  for (const name of spec.requiredHeaders) {
    if (response.headers[name] === undefined) problems.push(`${op.operationId} ${response.status}: header ${name} is missing`);
  }
  return problems;
}
