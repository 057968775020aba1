// The last stage: every error becomes a problem with a stable code, rendered by the mock's parts
// (problem+json). Bad input of any kind is a 4xx; only a genuine bug (or an injected fault) is a
// 500, and it is logged.
import type { ErrorRequestHandler } from 'express';
import type { ProblemCode } from '../../generated/schemas.js';
import { HttpProblem } from '../../rules/problems.js';
import { EngineError } from '../engine/errors.js';
import type { MockContext } from './mock-context.js';
import { requestState } from './request-state.js';

const ENGINE_TO_PROBLEM: Record<string, ProblemCode> = { invalid_request: 'validation_failed', agent_not_found: 'invalid_api_key' };

export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof EngineError) {
    const code = (ENGINE_TO_PROBLEM[error.code] ?? error.code) as ProblemCode;
    const extras: Record<string, unknown> = { ...(error.details ?? {}) };
    for (const key of ['resetsAt', 'trippedAt'] as const) {
      if (typeof extras[key] === 'number') extras[key] = new Date(extras[key]).toISOString();
    }
    if (code === 'validation_failed' && !extras.errors) extras.errors = [{ location: 'body', pointer: '', message: error.message, code: error.code }];
    return new HttpProblem(code, error.message, { extras, status: error.status });
  }
  return new HttpProblem('internal_error', 'The mock hit an unexpected error; the log has the details. Please report it.');
}

export function errorHandler(ctx: MockContext): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const problem = toProblem(error);
    if (problem.code === 'internal_error' && !(error instanceof HttpProblem)) {
      ctx.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const state = requestState(res);
    state.problemCode = problem.code;
    state.refusedBy ??= 'http';
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    const rendered = ctx.parts.renderProblem(problem, state.requestId);
    state.responseBody = rendered.text;
    res.status(problem.status).type(rendered.contentType).send(rendered.text);
  };
}
