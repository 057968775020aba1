// Helpers for the signing checks: a signature over exactly the given parts (no guards, so a check
// can reproduce the mistakes signRequest refuses: a query string, the /v1/agent prefix, a bad
// timestamp), and a short description of an auth answer for failure messages.
import { createHmac } from 'node:crypto';
import { createAgentClient, type ApiResponse } from '../../../client/agent-client.js';
import { stringToSign } from '../../../signing/index.js';
import type { TestAgent } from '../../agent-pool.js';
import type { CheckContext } from '../../check-context.js';
import { expectConforms } from '../expect.js';

export interface SignedParts {
  secret: string;
  timestamp: string;
  method: string;
  path: string;
  body?: string;
}

/** Lowercase hex HMAC-SHA256 over timestamp + METHOD + path + body, taken literally. */
export function signLiterally(parts: SignedParts): string {
  return createHmac('sha256', Buffer.from(parts.secret, 'utf8'))
    .update(stringToSign({ timestamp: parts.timestamp, method: parts.method, path: parts.path, body: parts.body ?? '' }))
    .digest('hex');
}

/** The signing headers of a request whose signature and timestamp are given explicitly. */
export function authHeaders(timestamp: string | undefined, signature: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (timestamp !== undefined) headers['x-nx-timestamp'] = timestamp;
  if (signature !== undefined) headers['x-nx-signature'] = signature;
  return headers;
}

/** `401 invalid_signature ("detail")` — status, problem code and detail of an answer, for messages. */
export function describeAnswer(res: ApiResponse<unknown>): string {
  const problem = res.json as { code?: unknown; detail?: unknown } | undefined;
  const code = typeof problem?.code === 'string' ? ` ${problem.code}` : '';
  const text = typeof problem?.detail === 'string' ? problem.detail.replace(/\.$/, '') : '';
  const detail = text === '' ? '' : ` ("${text.length > 200 ? `${text.slice(0, 200)}…` : text}")`;
  return `${res.status}${code}${detail}`;
}

/** The problem code of an answer, when it has one. */
export function problemCode(res: ApiResponse<unknown>): string | undefined {
  const code = (res.json as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The body of a webhook the signing checks create (and delete again): valid, harmless. */
export function webhookBody(tag: string): { url: string; events: string[]; description: string } {
  return { url: `https://example.com/nx-conformance/${tag}`, events: ['order.filled'], description: `nx-conformance ${tag}` };
}

const brief = (res: ApiResponse<unknown>): string => `${res.status} ${res.text.slice(0, 300)}`;

/**
 * The server must refuse `what` with 401 and one of `codes` (problem+json as documented).
 * `note` says how the request deviated from a canonical one (for the reproduce line).
 */
export function expectRejected(ctx: CheckContext, res: ApiResponse<unknown>, codes: readonly string[], what: string, note: string): void {
  ctx.reproduceNote = note;
  const wanted = `401 ${codes.join(' or ')}`;
  if (res.status >= 200 && res.status < 300) {
    ctx.fail(`The server accepted ${what} (answered ${res.status}); it must refuse it with ${wanted}.`, wanted, brief(res));
  }
  if (res.status !== 401) ctx.fail(`The server answered ${what} with ${describeAnswer(res)} instead of ${wanted}.`, wanted, brief(res));
  const contentType = res.headers['content-type'] ?? '';
  if (!contentType.startsWith('application/problem+json')) {
    ctx.fail(`The server refused ${what} with 401, but the error is ${contentType || 'untyped'}, not application/problem+json (RFC 9457).`, `${wanted} as application/problem+json`, `Content-Type: ${contentType || 'none'}; ${brief(res)}`);
  }
  const code = problemCode(res);
  if (code === undefined || !codes.includes(code)) {
    ctx.fail(`The server refused ${what} with 401 but the wrong problem code ${code ?? '(none)'}; the code must be ${codes.join(' or ')}.`, wanted, brief(res));
  }
  expectConforms(ctx, res, what);
}

/**
 * The server must accept `what`: not a 401 (the request is signed as SIGNING.md says), and one
 * of the `statuses` the operation documents for it.
 */
export function expectAccepted(ctx: CheckContext, res: ApiResponse<unknown>, statuses: readonly number[], what: string, note?: string): void {
  if (note !== undefined) ctx.reproduceNote = note;
  if (res.status === 401) {
    ctx.fail(`The server refused ${what}, although it was signed exactly as SIGNING.md says: it answered ${describeAnswer(res)}`, `status ${statuses.join(' or ')}`, brief(res));
  }
  if (!statuses.includes(res.status)) ctx.fail(`The server answered ${what} with ${describeAnswer(res)}.`, `status ${statuses.join(' or ')}`, brief(res));
  expectConforms(ctx, res, what);
}

/**
 * Deletes webhooks a check created, with a client that records no evidence (so a failure's
 * evidence and reproduce line stay on the request that failed). Best effort: errors are ignored.
 */
export async function deleteWebhooksQuietly(ctx: CheckContext, agent: TestAgent, ids: readonly string[]): Promise<void> {
  const client = createAgentClient({
    baseUrl: ctx.options.baseUrl,
    credentials: { apiKey: agent.apiKey, apiSecret: agent.apiSecret },
    timeoutMs: ctx.options.timeoutMs,
    now: () => ctx.now(),
  });
  for (const id of ids) {
    try {
      await client.send('DELETE', `/webhooks/${encodeURIComponent(id)}`);
    } catch {
      // best effort: the check's outcome does not depend on the clean-up
    }
  }
}

/**
 * GET /me signed over the full '/v1/agent/me' (the full_path_signed mistake), which the server must
 * refuse with 401 invalid_signature. Returns the answer and the timestamp it carried.
 */
export async function sendFullPathSigned(ctx: CheckContext, agent: TestAgent, note: string): Promise<{ res: ApiResponse<unknown>; timestamp: string }> {
  const timestamp = String(ctx.now());
  const signature = signLiterally({ secret: agent.apiSecret, timestamp, method: 'GET', path: '/v1/agent/me' });
  ctx.reproduceSigning = { path: '/v1/agent/me' };
  const res = await agent.client.send('GET', '/me', { sign: false, headers: authHeaders(timestamp, signature) });
  expectRejected(ctx, res, ['invalid_signature'], "GET /me signed over '/v1/agent/me'", note);
  return { res, timestamp };
}
