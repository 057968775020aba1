// What every error must look like (RFC 9457 problem+json with the spec's required members) and
// what every response to an identified agent must carry (both forms of rate-limit headers),
// returned as a list of plain-language problems so a check can report all of them at once.
import type { ApiResponse } from '../../../../client/agent-client.js';

const PROBLEM_MEMBERS = [
  ['type', 'string'],
  ['title', 'string'],
  ['status', 'integer'],
  ['detail', 'string'],
  ['code', 'string'],
  ['requestId', 'string'],
] as const;

export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** Problems of an error response against RFC 9457 and the spec's Problem schema (empty when fine). */
export function problemIssues(res: ApiResponse<unknown>): string[] {
  const issues: string[] = [];
  const contentType = res.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/problem+json')) {
    issues.push(`Content-Type is '${contentType || 'missing'}', not application/problem+json`);
  }
  const body = asRecord(res.json);
  if (!body) {
    issues.push(`the body is not a JSON object: ${res.text.slice(0, 120) || '(empty)'}`);
    return issues;
  }
  const missing = PROBLEM_MEMBERS.filter(([name, kind]) => {
    const value = body[name];
    return kind === 'integer' ? !Number.isInteger(value) : typeof value !== kind || value === '';
  }).map(([name, kind]) => `${name} (${kind})`);
  if (missing.length > 0) issues.push(`the body lacks ${missing.join(', ')}; it has ${Object.keys(body).join(', ') || 'no members'}`);
  if (Number.isInteger(body.status) && body.status !== res.status) issues.push(`the body says status ${String(body.status)} but the HTTP status is ${res.status}`);
  const requestId = res.headers['x-request-id'];
  if (typeof body.requestId === 'string' && requestId !== undefined && body.requestId !== requestId) {
    issues.push(`requestId '${body.requestId}' differs from the X-Request-Id header '${requestId}'`);
  }
  return issues;
}

export const problemCode = (res: ApiResponse<unknown>): string | undefined => {
  const code = asRecord(res.json)?.code;
  return typeof code === 'string' ? code : undefined;
};

export interface RateLimitState {
  limit: number;
  remaining: number;
  reset: number;
  windowSeconds: number;
}

const POLICY = /^"([a-z-]+)";q=(\d+);w=(\d+)$/;
const CURRENT = /^"([a-z-]+)";r=(\d+);t=(\d+)$/;
const INTEGER = /^\d+$/;

/** Problems of a response's rate-limit headers (empty when all five are there and agree), and their values. */
export function rateLimitIssues(res: ApiResponse<unknown>): { issues: string[]; state: RateLimitState | null } {
  const h = res.headers;
  const names = ['ratelimit-policy', 'ratelimit', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
  const missing = names.filter((n) => h[n] === undefined);
  if (missing.length > 0) return { issues: [`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`], state: null };
  const issues: string[] = [];
  const value = (name: string): number | null => {
    const text = (h[name] ?? '').trim();
    if (!INTEGER.test(text)) {
      issues.push(`${name} is '${text}', not a non-negative integer`);
      return null;
    }
    return Number(text);
  };
  const limit = value('x-ratelimit-limit');
  const remaining = value('x-ratelimit-remaining');
  const reset = value('x-ratelimit-reset');
  const policy = POLICY.exec((h['ratelimit-policy'] ?? '').trim());
  const current = CURRENT.exec((h.ratelimit ?? '').trim());
  if (!policy) issues.push(`RateLimit-Policy is '${h['ratelimit-policy']}', not '"name";q=<requests>;w=<seconds>'`);
  if (!current) issues.push(`RateLimit is '${h.ratelimit}', not '"name";r=<remaining>;t=<seconds>'`);
  const q = policy ? Number(policy[2]) : null;
  const w = policy ? Number(policy[3]) : null;
  if (policy && current && policy[1] !== current[1]) issues.push(`RateLimit names policy "${current[1]}" but RateLimit-Policy names "${policy[1]}"`);
  if (q !== null && limit !== null && q !== limit) issues.push(`RateLimit-Policy q=${q} differs from X-RateLimit-Limit ${limit}`);
  if (current && remaining !== null && Number(current[2]) !== remaining) issues.push(`RateLimit r=${current[2]} differs from X-RateLimit-Remaining ${remaining}`);
  if (current && reset !== null && Number(current[3]) !== reset) issues.push(`RateLimit t=${current[3]} differs from X-RateLimit-Reset ${reset}`);
  if (limit !== null && limit < 1) issues.push(`X-RateLimit-Limit is ${limit}: no request could ever be allowed`);
  if (limit !== null && remaining !== null && remaining > limit) issues.push(`X-RateLimit-Remaining ${remaining} exceeds X-RateLimit-Limit ${limit}`);
  if (w !== null && w < 1) issues.push(`RateLimit-Policy w=${w}: the window must be at least 1 s`);
  if (w !== null && reset !== null && reset > w) issues.push(`X-RateLimit-Reset ${reset} s is longer than the ${w} s window`);
  const state = limit !== null && remaining !== null && reset !== null && w !== null && issues.length === 0 ? { limit, remaining, reset, windowSeconds: w } : null;
  return { issues, state };
}
