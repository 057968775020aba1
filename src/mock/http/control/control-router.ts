// The control API under /__nx, routed and validated by the same rules as the public API but from
// its own spec (openapi/control.yaml), and never authenticated or rate-limited.
import { Router as expressRouter, type Router } from 'express';
import { operationList as controlOperationList, type OperationId as ControlOperationId } from '../../../generated/control/operations.js';
import { createRouter } from '../../../rules/match-route.js';
import { inputOnlyPipeline } from '../../../rules/pipeline.js';
import type { MockContext } from '../mock-context.js';
import { runPipeline } from '../run-pipeline.js';
import type { AnyResult } from '../handlers/handler.js';
import { controlHandlers } from './control-handlers.js';

type AnyControlHandler = (ctx: MockContext, input: { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown }) => AnyResult | Promise<AnyResult>;

const router = createRouter(controlOperationList, 'openapi/control.yaml lists the control API paths.');

export function createControlRouter(ctx: MockContext): Router {
  const app = expressRouter();
  app.use(
    runPipeline(ctx, {
      pipeline: inputOnlyPipeline(router, '/__nx'),
      rules: ctx.rules,
      faults: false,
      async act(_state, j, res) {
        // The one narrowing of the control API: the input was validated by this operation's schemas.
        const handler = controlHandlers[j.op?.operationId as ControlOperationId] as unknown as AnyControlHandler;
        const result = await handler(ctx, { params: j.params ?? {}, query: j.query ?? {}, body: j.body });
        if (result.body === undefined) {
          res.status(result.status).end();
          return;
        }
        res.status(result.status).type('application/json').send(JSON.stringify(result.body));
      },
    }),
  );
  return app;
}
