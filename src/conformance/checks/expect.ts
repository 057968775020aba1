// Assertions for checks: each either returns or calls ctx.fail() with what was expected and
// what the server did, so every failure reads the same way in every report.
import type { ApiResponse } from '../../client/agent-client.js';
import type { CheckContext } from '../check-context.js';

const brief = (res: ApiResponse<unknown>): string => `${res.status} ${res.text.slice(0, 300)}`;

export function expectStatus(ctx: CheckContext, res: ApiResponse<unknown>, expected: number | readonly number[], what: string): void {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  if (!allowed.includes(res.status)) ctx.fail(`${what}: the server answered ${res.status}`, `status ${allowed.join(' or ')}`, brief(res));
}

/** A 2xx that conforms to the spec. */
export function expectSuccess(ctx: CheckContext, res: ApiResponse<unknown>, what: string): void {
  if (res.status < 200 || res.status > 299) ctx.fail(`${what} failed with ${res.status}`, 'a 2xx answer', brief(res));
  expectConforms(ctx, res, what);
}

export function expectConforms(ctx: CheckContext, res: ApiResponse<unknown>, what: string): void {
  const problems = ctx.specProblems(res);
  if (problems.length > 0) ctx.fail(`${what}: the response does not match the spec`, 'a response as documented in openapi/agent-connect.yaml', problems.join('\n'));
}

/** A problem+json error with the status and one of the codes; it must conform to the spec. */
export function expectProblem(ctx: CheckContext, res: ApiResponse<unknown>, status: number, codes: readonly string[], what: string): void {
  expectStatus(ctx, res, status, what);
  const contentType = res.headers['content-type'] ?? '';
  if (!contentType.startsWith('application/problem+json')) {
    ctx.fail(`${what}: the error is not application/problem+json`, 'Content-Type: application/problem+json (RFC 9457)', `Content-Type: ${contentType || 'none'}; body ${res.text.slice(0, 200)}`);
  }
  const code = (res.json as { code?: unknown } | undefined)?.code;
  if (codes.length > 0 && !codes.includes(String(code))) ctx.fail(`${what}: wrong problem code`, `code ${codes.join(' or ')}`, `code ${String(code)}`);
  expectConforms(ctx, res, what);
}

export function pass(message: string, form?: string) {
  return form === undefined ? { status: 'pass' as const, message } : { status: 'pass' as const, message, form };
}
