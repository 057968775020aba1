// Answers a request that passed every rule: run the operation's handler and send its result,
// checked against the spec's response schema when --validate-responses is on.
import type { Response } from 'express';
import type { Judging } from '../../rules/judging.js';
import { HttpProblem } from '../../rules/problems.js';
import { issueLines } from '../../rules/zod-issues.js';
import type { AgentRecord } from '../engine/index.js';
import type { OperationId } from '../../generated/operations.js';
import { dispatch } from './handlers/handler.js';
import type { MockContext } from './mock-context.js';
import type { RequestState } from './request-state.js';
import { jsonText } from './serialized-body.js';

export function respond(ctx: MockContext, state: RequestState, j: Judging<AgentRecord>, res: Response): void {
  const op = j.op;
  if (!op) throw new Error('respond reached without an operation');
  const result = dispatch(ctx.parts.handlers, op.operationId as OperationId, ctx, { agent: j.agent, params: j.params ?? {}, query: j.query ?? {}, body: j.body });
  if (ctx.options.validateResponses && result.body !== undefined) {
    const schema = op.responses[String(result.status)]?.schema;
    const check = schema?.safeParse(result.body);
    if (!schema || (check && !check.success)) {
      const why = check && !check.success ? issueLines(check.error, 'body', 3).join('; ') : `status ${result.status} is not documented`;
      ctx.log(`response validation failed for ${op.operationId}: ${why}`);
      throw new HttpProblem('internal_error', `The mock's response to ${op.operationId} does not match the spec (${why}).`);
    }
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.body === undefined) {
    res.statusCode = result.status;
    res.end();
    return;
  }
  const text = jsonText(result.body);
  // A HEAD request is answered as GET without the body (the headers only).
  const head = j.raw.method === 'HEAD';
  state.responseBody = head ? '' : text;
  sendJson(res, result.status, text, head);
}

/**
 * What Express's res.status().type('application/json').send(text) sends, written directly: the
 * same status, Content-Type and Content-Length, in that order. Express's path re-derives the type
 * through its MIME tables, copies a body over 1 000 characters into a Buffer and answers a few
 * conditional GETs with 304 (If-None-Match: *): those requests still go its way, unchanged (and
 * only they have Express's methods on the API path: direct-api.ts).
 */
export function sendJson(res: Response, status: number, text: string, head: boolean): void {
  const h = res.req.headers;
  if (h['if-none-match'] !== undefined || h['if-modified-since'] !== undefined) {
    res.status(status).type('application/json').send(text);
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  if (head) res.end();
  else res.end(text);
}

const JSON_TYPE = 'application/json; charset=utf-8';
