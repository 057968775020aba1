// Checks one HTTP response against the spec through the generated operation table: the status
// is documented, the content type and required headers are right, and the body validates.
// Every mock test routes its responses through this, so the mock can't drift from the spec.
import type { OperationDef } from '../../src/codegen/runtime.js';
import { operationList } from '../../src/generated/operations.js';
import { createRouter } from '../../src/mock/http/match-route.js';

const router = createRouter(operationList);

export interface SeenResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function responseSpecFor(op: OperationDef, status: number) {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

/** Returns a list of problems; empty when the response conforms. */
export function specProblems(method: string, apiPath: string, res: SeenResponse): string[] {
  let op: OperationDef;
  try {
    op = router.match(method, apiPath.split('?')[0] ?? apiPath).op;
  } catch {
    // Unrouted paths must still answer problem+json 404/405.
    return res.status === 404 || res.status === 405 ? problemShape(res) : [`unrouted ${method} ${apiPath} answered ${res.status}`];
  }
  const spec = responseSpecFor(op, res.status);
  if (!spec) return [`${op.operationId}: status ${res.status} is not documented (body ${res.text.slice(0, 200)})`];
  const problems: string[] = [];
  const contentType = String(res.headers['content-type'] ?? '');
  if (spec.contentType === null) {
    if (res.text.length > 0) problems.push(`${op.operationId} ${res.status}: expected no body`);
  } else {
    if (!contentType.startsWith(spec.contentType)) problems.push(`${op.operationId} ${res.status}: content-type ${contentType}, expected ${spec.contentType}`);
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return [...problems, `${op.operationId} ${res.status}: body is not JSON`];
    }
    const parsed = spec.schema?.safeParse(body);
    if (parsed && !parsed.success) {
      problems.push(`${op.operationId} ${res.status}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
  }
  for (const name of spec.requiredHeaders) {
    if (res.headers[name] === undefined) problems.push(`${op.operationId} ${res.status}: missing header ${name}`);
  }
  return problems;
}

function problemShape(res: SeenResponse): string[] {
  const contentType = String(res.headers['content-type'] ?? '');
  return contentType.startsWith('application/problem+json') ? [] : [`expected problem+json, got ${contentType}`];
}
