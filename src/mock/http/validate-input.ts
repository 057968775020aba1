// Stage 7: check path, query, headers and body against the operation's generated zod schemas,
// and report every problem at once, each naming its location.
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { OperationDef } from '../../codegen/runtime.js';
import { HttpProblem } from './problem.js';
import { requestState } from './request-state.js';

type Location = 'body' | 'query' | 'path' | 'header';

interface Issue {
  location: Location;
  pointer: string;
  message: string;
  code: string;
}

function issuesOf(error: z.ZodError, location: Location): Issue[] {
  return error.issues.flatMap((issue): Issue[] => {
    const segments = issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1'));
    const at = (extra: string[] = []): string => {
      const all = [...segments, ...extra];
      if (location !== 'body') return all[0] ?? '';
      return all.length > 0 ? `/${all.join('/')}` : '';
    };
    if (issue.code === 'unrecognized_keys') {
      // One issue per unknown field, pointing at the field itself, so a typo is easy to find.
      const keys = (issue as { keys?: string[] }).keys ?? [];
      return keys.map((key) => ({
        location,
        pointer: at([key.replace(/~/g, '~0').replace(/\//g, '~1')]),
        message: `Unknown field '${key}'; check the spelling against the spec`,
        code: issue.code,
      }));
    }
    return [{ location, pointer: at(), message: issue.message, code: issue.code }];
  });
}

function decodeParams(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      throw new HttpProblem('validation_failed', `The path parameter '${name}' is not valid percent-encoding.`, {
        extras: { errors: [{ location: 'path', pointer: name, message: 'Invalid percent-encoding', code: 'invalid_format' }] },
      });
    }
  }
  return out;
}

/**
 * A path id that cannot name anything, on an operation whose spec documents no 400 (GET and DELETE
 * /orders/{orderId}, DELETE /webhooks/{webhookId}): the spec's answer is 404, not validation_failed.
 */
function pathNotFound(op: OperationDef, rawParams: Record<string, string>): HttpProblem | null {
  if ('400' in op.responses || !('404' in op.responses)) return null;
  const [name, value] = Object.entries(rawParams)[0] ?? ['id', ''];
  const code = name === 'orderId' ? 'order_not_found' : name === 'webhookId' ? 'webhook_not_found' : 'not_found';
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return new HttpProblem(code, `No ${name} '${shown}' can exist: it is not a valid ${name}. Use an id the API returned.`);
}

export function validateInput(): RequestHandler {
  return (req, res, next) => {
    const state = requestState(res);
    const op = state.op;
    if (!op) return next();
    const issues: Issue[] = [];
    let decoded: Record<string, string>;
    try {
      decoded = decodeParams(state.rawParams ?? {});
    } catch (error) {
      throw pathNotFound(op, state.rawParams ?? {}) ?? error;
    }
    const path = op.params.path.safeParse(decoded);
    if (path.success) state.params = path.data as Record<string, unknown>;
    else issues.push(...issuesOf(path.error, 'path'));
    const query = op.params.query.safeParse({ ...(req.query as Record<string, unknown>) });
    if (query.success) state.query = query.data as Record<string, unknown>;
    else issues.push(...issuesOf(query.error, 'query'));
    if (op.requestBody && state.body !== undefined) {
      const body = op.requestBody.schema.safeParse(state.body);
      if (body.success) state.body = body.data;
      else issues.push(...issuesOf(body.error, 'body'));
    }
    if (issues.length === 0) return next();
    if (issues.every((i) => i.location === 'path')) {
      const notFound = pathNotFound(op, state.rawParams ?? {});
      if (notFound) throw notFound;
    }
    const where = [...new Set(issues.map((i) => i.location))].join(' and ');
    throw new HttpProblem('validation_failed', `The request ${where} ha${issues.length === 1 ? 's 1 problem' : `ve ${issues.length} problems`}: ${issues[0]?.pointer ? `${issues[0].pointer}: ` : ''}${issues[0]?.message ?? ''}.`, {
      extras: { errors: issues },
    });
  };
}
