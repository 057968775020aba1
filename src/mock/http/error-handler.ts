// The last stage: every error becomes a problem+json response with a stable code. Bad input of
// any kind is a 4xx; only a genuine bug (or an injected fault) is a 500, and it is logged.
import type { ErrorRequestHandler } from 'express';
import { EngineError } from '../engine/errors.js';
import type { ProblemCode } from '../../generated/schemas.js';
import type { MockContext } from './mock-context.js';
import { HttpProblem, problemBody } from './problem.js';
import { requestState } from './request-state.js';

const ENGINE_TO_PROBLEM: Record<string, ProblemCode> = { invalid_request: 'validation_failed', agent_not_found: 'invalid_api_key' };

/** Errors thrown by body-parser carry `type` and `status`. */
interface ParserError {
  type?: string;
  status?: number;
  message?: string;
}

export function toProblem(error: unknown, limitBytes: number): HttpProblem {
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
  const parser = error as ParserError;
  switch (parser.type) {
    case 'entity.too.large':
      return new HttpProblem('payload_too_large', `The body is over ${limitBytes} bytes; send at most 1 MiB.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem('unsupported_media_type', 'Send the body as UTF-8 application/json without a content encoding.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new HttpProblem('validation_failed', 'The body ended before its Content-Length; send the whole body.', {
        extras: { errors: [{ location: 'body', pointer: '', message: 'Incomplete body', code: 'incomplete' }] },
      });
    default:
      return new HttpProblem('internal_error', 'The mock hit an unexpected error; the log has the details. Please report it.');
  }
}

export function errorHandler(ctx: MockContext): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const problem = toProblem(error, ctx.options.bodyLimit);
    if (problem.code === 'internal_error' && !(error instanceof HttpProblem)) {
      ctx.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const state = requestState(res);
    state.problemCode = problem.code;
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    if (ctx.defects.has('plain-json-errors')) {
      const text = JSON.stringify({ error: problem.message, code: problem.code });
      state.responseBody = text;
      res.status(problem.status).type('application/json').send(text);
      return;
    }
    const text = JSON.stringify(problemBody(problem, state.requestId));
    state.responseBody = text;
    res.status(problem.status).type('application/problem+json').send(text);
  };
}
