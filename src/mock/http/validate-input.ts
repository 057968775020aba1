// Stage 7: check path, query, headers and body against the operation's generated zod schemas,
// and report every problem at once, each naming its location.
import type { RequestHandler } from 'express';
import type { z } from 'zod';
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

export function validateInput(): RequestHandler {
  return (req, res, next) => {
    const state = requestState(res);
    const op = state.op;
    if (!op) return next();
    const issues: Issue[] = [];
    const path = op.params.path.safeParse(decodeParams(state.rawParams ?? {}));
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
    const where = [...new Set(issues.map((i) => i.location))].join(' and ');
    throw new HttpProblem('validation_failed', `The request ${where} ha${issues.length === 1 ? 's 1 problem' : `ve ${issues.length} problems`}: ${issues[0]?.pointer ? `${issues[0].pointer}: ` : ''}${issues[0]?.message ?? ''}.`, {
      extras: { errors: issues },
    });
  };
}
