// Stage 7: path, query and body against the operation's generated zod schemas, every problem at
// once, each naming its location. A query parameter the spec does not define is a problem too: a
// typo such as `coin=` for `coins=` must not pass silently.
import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';
import type { Judging, Stage } from '../judging.js';
import { problem, type Problem } from '../problems.js';
import type { KnownAgent } from '../rule-state.js';
import type { OperationDef } from '../runtime.js';
import { validationIssues, type ValidationIssue } from '../zod-issues.js';

const invalidEncoding = (name: string): Problem =>
  problem('validation_failed', `The path parameter '${name}' is not valid percent-encoding.`, {
    extras: { errors: [{ location: 'path', pointer: name, message: 'Invalid percent-encoding', code: 'invalid_format' }] },
  });

/**
 * A path id that cannot name anything, on an operation whose spec documents no 400 but a 404:
 * the spec's answer is then 404, not validation_failed.
 */
function pathNotFound(op: OperationDef, rawParams: Record<string, string>): Problem | null {
  if ('400' in op.responses || !('404' in op.responses)) return null;
  const [name, value] = Object.entries(rawParams)[0] ?? ['id', ''];
  const code = name === 'orderId' ? 'order_not_found' : name === 'webhookId' ? 'webhook_not_found' : 'not_found';
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return problem(code, `No ${name} '${shown}' can exist: it is not a valid ${name}. Use an id the API returned.`);
}

function decodeParams(raw: Record<string, string>): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      return name;
    }
  }
  return out;
}

const queryNames = new WeakMap<OperationDef, readonly string[]>();

/** The operation's query parameters (the generated object schema's keys), computed once. */
function queryNamesOf(op: OperationDef): readonly string[] {
  let names = queryNames.get(op);
  if (!names) {
    names = op.params.query instanceof z.ZodObject ? Object.keys(op.params.query.shape) : [];
    queryNames.set(op, names);
  }
  return names;
}

function unknownQueryIssues(op: OperationDef, query: Record<string, unknown>): ValidationIssue[] {
  const known = queryNamesOf(op);
  return Object.keys(query)
    .filter((name) => !known.includes(name))
    .map((name) => ({
      location: 'query',
      pointer: name,
      message: `unknown query parameter '${name}'; ${known.length > 0 ? `this operation takes ${known.join(', ')}` : 'this operation takes none'}`,
      code: 'unrecognized_keys',
    }));
}

/** "The request body has 2 problems: …", "The request query and body have 3 problems: …". */
export function validationProblem(issues: readonly ValidationIssue[]): Problem {
  const where = [...new Set(issues.map((i) => i.location))];
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const first = issues[0];
  const example = first ? `: ${first.pointer ? `${first.pointer}: ` : ''}${first.message}` : '';
  return problem('validation_failed', `The request ${where.join(' and ')} ${where.length === 1 ? 'has' : 'have'} ${count}${example}.`, {
    extras: { errors: issues },
  });
}

function validate<A extends KnownAgent>(j: Judging<A>, op: OperationDef): Problem | undefined {
  const rawParams = j.rawParams ?? {};
  const decoded = decodeParams(rawParams);
  if (typeof decoded === 'string') return pathNotFound(op, rawParams) ?? invalidEncoding(decoded);
  const issues: ValidationIssue[] = [];
  const path = op.params.path.safeParse(decoded);
  if (path.success) j.params = path.data as Record<string, unknown>;
  else issues.push(...validationIssues(path.error, 'path'));
  const rawQuery = { ...parseQuery(j.raw.query) };
  issues.push(...unknownQueryIssues(op, rawQuery));
  const query = op.params.query.safeParse(rawQuery);
  if (query.success) j.query = query.data as Record<string, unknown>;
  else issues.push(...validationIssues(query.error, 'query'));
  if (op.requestBody && j.json !== undefined) {
    const body = op.requestBody.schema.safeParse(j.json);
    if (body.success) j.body = body.data;
    else issues.push(...validationIssues(body.error, 'body'));
  }
  if (issues.length === 0) return undefined;
  if (issues.every((i) => i.location === 'path')) return pathNotFound(op, rawParams) ?? validationProblem(issues);
  return validationProblem(issues);
}

export const validateInputStage: Stage = {
  name: 'validate-input',
  needsBody: true,
  run(j) {
    return j.op ? validate(j, j.op) : undefined;
  },
};
