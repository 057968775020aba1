// The final stage of a successful request: run the operation's handler and send its result,
// checked against the spec's response schema when --validate-responses is on.
import type { RequestHandler } from 'express';
import type { OperationId } from '../../generated/operations.js';
import type { Handler } from './handlers/handler.js';
import { handlers } from './handlers/index.js';
import type { MockContext } from './mock-context.js';
import { HttpProblem } from './problem.js';
import { requestState } from './request-state.js';

export function respond(ctx: MockContext): RequestHandler {
  return (_req, res) => {
    const state = requestState(res);
    const op = state.op;
    if (!op) throw new Error('respond reached without an operation');
    const handler = handlers[op.operationId as OperationId] as Handler;
    const result = handler(ctx, { agent: state.agent, params: state.params ?? {}, query: state.query ?? {}, body: state.body });
    if (ctx.options.validateResponses && result.body !== undefined) {
      const schema = op.responses[String(result.status)]?.schema;
      const check = schema?.safeParse(result.body);
      if (!schema || (check && !check.success)) {
        const why = check && !check.success ? check.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : `status ${result.status} is not documented`;
        ctx.log(`response validation failed for ${op.operationId}: ${why}`);
        throw new HttpProblem('internal_error', `The mock's response to ${op.operationId} does not match the spec (${why}).`);
      }
    }
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    if (result.body === undefined) {
      res.status(result.status).end();
      return;
    }
    const text = JSON.stringify(result.body);
    state.responseBody = text;
    res.status(result.status).type('application/json').send(text);
  };
}
