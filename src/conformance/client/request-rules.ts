// What a request must look like, judged from its raw parts alone: the route, parameters and body
// against the spec, and the auth headers against SIGNING.md. Shared by the client-side runner
// (which knows the secret) and the validating proxy (which usually does not).
import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';
import type { OperationDef } from '../../codegen/runtime.js';
import { operationList } from '../../generated/operations.js';
import { createRouter } from '../../mock/http/match-route.js';
import { SIGNATURE_PATTERN } from '../../signing/constants.js';
import { checkTimestamp, diagnoseSignature, SIGNING_BASE_PATH, verifySignature } from '../../signing/index.js';

export interface RawRequest {
  method: string;
  /** The full path as sent (percent-encoding kept), without the query. */
  path: string;
  /** The raw query string without '?'. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type RuleKind = 'route' | 'params' | 'body' | 'auth';

export interface RuleViolation {
  kind: RuleKind;
  /** A problem code a strict server would answer (validation_failed, missing_signature, …). */
  code: string;
  message: string;
}

const router = createRouter(operationList);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function headerOf(headers: RawRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function apiPathOf(path: string): string | null {
  return path === SIGNING_BASE_PATH || path.startsWith(`${SIGNING_BASE_PATH}/`) ? path.slice(SIGNING_BASE_PATH.length) : null;
}

export function operationOf(req: Pick<RawRequest, 'method' | 'path'>): OperationDef | null {
  const apiPath = apiPathOf(req.path);
  if (apiPath === null) return null;
  try {
    return router.match(req.method, apiPath).op;
  } catch {
    return null;
  }
}

const zodIssues = (error: z.ZodError, where: string): string[] =>
  error.issues.slice(0, 5).map((i) => {
    const at = i.path.length > 0 ? `${where} /${i.path.join('/')}` : where;
    if (i.code === 'unrecognized_keys') return `${at}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k}'`).join(', ')}`;
    return `${at}: ${i.message}`;
  });

/** Route, path and query parameters, Content-Type and body against the spec. */
export function specViolations(req: RawRequest): RuleViolation[] {
  const apiPath = apiPathOf(req.path);
  if (apiPath === null) return [{ kind: 'route', code: 'validation_failed', message: `${req.method} ${req.path} is not under ${SIGNING_BASE_PATH}` }];
  let match;
  try {
    match = router.match(req.method, apiPath);
  } catch {
    return [{ kind: 'route', code: 'validation_failed', message: `${req.method} ${apiPath} is not an operation of the spec` }];
  }
  const { op, rawParams } = match;
  const bad = (kind: RuleKind, messages: string[]): RuleViolation[] => messages.map((message) => ({ kind, code: 'validation_failed', message: `${op.operationId}: ${message}` }));
  const out: RuleViolation[] = [];
  let decoded: Record<string, string>;
  try {
    decoded = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, decodeURIComponent(v)]));
  } catch {
    return bad('params', ['a path parameter is not valid percent-encoding']);
  }
  const path = op.params.path.safeParse(decoded);
  if (!path.success) out.push(...bad('params', zodIssues(path.error, 'path')));
  const query = parseQuery(req.query) as Record<string, unknown>;
  // The generated query schemas are loose (servers must tolerate extras); a client sending a
  // parameter the spec does not define is still a client mistake, so name it.
  const known = op.params.query instanceof z.ZodObject ? Object.keys(op.params.query.shape) : [];
  const unknown = Object.keys(query).filter((k) => !known.includes(k));
  if (unknown.length > 0) out.push(...bad('params', [`unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}`]));
  const parsedQuery = op.params.query.safeParse(query);
  if (!parsedQuery.success) out.push(...bad('params', zodIssues(parsedQuery.error, 'query')));
  out.push(...bad('body', bodyProblems(op, req)));
  return out;
}

function bodyProblems(op: OperationDef, req: RawRequest): string[] {
  if (!op.requestBody) return req.body.length > 0 ? [`sends a ${req.body.length}-byte body; the operation takes none`] : [];
  if (req.body.length === 0) return op.requestBody.required ? ['the JSON body is missing'] : [];
  const contentType = headerOf(req.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') return [`Content-Type is '${contentType ?? 'none'}'; send application/json`];
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(req.body));
  } catch {
    return ['the body is not UTF-8 JSON'];
  }
  const parsed = op.requestBody.schema.safeParse(value);
  return parsed.success ? [] : zodIssues(parsed.error, 'body');
}

export interface AuthOptions {
  /** The judge's clock (epoch ms) for the ±30 s window. */
  nowMs: number;
  /** The secret of the key, when the judge knows it: then the signature is verified fully. */
  secretFor?: (apiKey: string) => string | undefined;
}

const KEY_FORMAT = /^nx_(test|live)_[A-Za-z0-9]+$/;
const auth = (code: string, message: string): RuleViolation => ({ kind: 'auth', code, message });

/** Whether SIGNING.md asks this request to be signed: a live key, or signature headers sent anyway. */
export function mustSign(req: RawRequest): boolean {
  if (operationOf(req)?.security === 'none') return false;
  const key = headerOf(req.headers, 'x-nx-key') ?? '';
  return key.startsWith('nx_live_') || req.headers['x-nx-signature'] !== undefined || req.headers['x-nx-timestamp'] !== undefined;
}

export function keyViolation(req: RawRequest): RuleViolation | null {
  if (operationOf(req)?.security === 'none') return null;
  const key = headerOf(req.headers, 'x-nx-key');
  if (key === undefined || key === '') return auth('missing_api_key', 'X-NX-Key is missing');
  return KEY_FORMAT.test(key) ? null : auth('invalid_api_key', 'X-NX-Key is not an nx_test_… or nx_live_… key');
}

export function timestampViolation(req: RawRequest, nowMs: number): RuleViolation | null {
  const checked = checkTimestamp(headerOf(req.headers, 'x-nx-timestamp'), nowMs);
  return checked.ok ? null : auth(checked.code, checked.detail);
}

export function signatureViolation(req: RawRequest, secret: string | undefined): RuleViolation | null {
  const signature = headerOf(req.headers, 'x-nx-signature');
  if (signature === undefined || signature === '') return auth('missing_signature', 'X-NX-Signature is missing (live keys sign every request)');
  const timestamp = headerOf(req.headers, 'x-nx-timestamp');
  const apiPath = apiPathOf(req.path);
  if (secret === undefined || apiPath === null || timestamp === undefined) {
    return SIGNATURE_PATTERN.test(signature) ? null : auth('invalid_signature', 'X-NX-Signature is not 64 lowercase hex characters (hex HMAC-SHA256)');
  }
  // With the secret, the diagnosis also names encodings (base64, upper-case hex) and key mix-ups.
  const signed = { secret, timestamp, method: req.method, path: apiPath, body: req.body, signature };
  if (verifySignature(signed)) return null;
  const { mistake } = diagnoseSignature({ ...signed, query: req.query });
  const what = mistake ? `${mistake.message} [${mistake.code}]` : 'unrecognised mistake';
  return auth('invalid_signature', `X-NX-Signature does not match the request: ${what}`);
}

/** X-NX-Key, X-NX-Signature and X-NX-Timestamp per SIGNING.md, the first failure in its order. */
export function authViolations(req: RawRequest, options: AuthOptions): RuleViolation[] {
  const key = keyViolation(req);
  if (key) return [key];
  if (!mustSign(req)) return [];
  const secret = options.secretFor?.(headerOf(req.headers, 'x-nx-key') ?? '');
  const missingSignature = req.headers['x-nx-signature'] === undefined || req.headers['x-nx-signature'] === '';
  const first = missingSignature ? signatureViolation(req, secret) : (timestampViolation(req, options.nowMs) ?? signatureViolation(req, secret));
  return first ? [first] : [];
}
