// The control API under /__nx, routed and validated by the same rules as the public API but from
// its own spec (openapi/control.yaml), and never authenticated or rate-limited. The dashboard
// (/__nx/ui) is static files next to it; /__nx/events is its live feed.
import { Router as expressRouter, type Router } from 'express';
import { operationList as controlOperationList, type OperationId as ControlOperationId } from '../../../generated/control/operations.js';
import { createRouter } from '../../../rules/match-route.js';
import { inputOnlyPipeline } from '../../../rules/pipeline.js';
import { serveUi } from '../../ui/serve-ui.js';
import type { AnyResult } from '../handlers/handler.js';
import type { MockContext } from '../mock-context.js';
import { runPipeline } from '../run-pipeline.js';
import { controlHandlers } from './control-handlers.js';
import { dashboardHandlers } from './dashboard-handlers.js';
import { openEventStream } from './event-stream.js';

/** PUT /state takes a whole sandbox as a fixture: far more than an API request may carry. */
export const CONTROL_BODY_LIMIT = 256 * 1024 * 1024;

type AnyControlHandler = (ctx: MockContext, input: { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown }) => AnyResult | Promise<AnyResult>;

const handlers = { ...controlHandlers, ...dashboardHandlers };
const router = createRouter(controlOperationList, 'openapi/control.yaml lists the control API paths.');

export function createControlRouter(ctx: MockContext): Router {
  const app = expressRouter();
  app.use('/ui', ...serveUi());
  const bodyLimit = Math.max(ctx.options.bodyLimit, CONTROL_BODY_LIMIT);
  app.use(
    runPipeline(ctx, {
      pipeline: inputOnlyPipeline(router, '/__nx'),
      rules: { ...ctx.rules, bodyLimit },
      bodyLimit,
      faults: false,
      async act(_state, j, res) {
        const operationId = j.op?.operationId as ControlOperationId;
        if (operationId === 'streamEvents') return openEventStream(ctx, res);
        // The one narrowing of the control API: the input was validated by this operation's schemas.
        const handler = handlers[operationId] as unknown as AnyControlHandler;
        const result = await handler(ctx, { params: j.params ?? {}, query: j.query ?? {}, body: j.body });
        // Whatever changed state is announced, so open dashboards refetch what it touched.
        if (j.raw.method !== 'GET') ctx.events.publish('control', { operationId });
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
