// The control API under /__nx, routed and validated by the same stages as the public API but
// from its own spec (openapi/control.yaml), and never authenticated or rate-limited. The
// dashboard (/__nx/ui) is static files next to it; /__nx/events is its live feed.
import { Router as expressRouter, type Router } from 'express';
import { operationList as controlOperationList, type OperationId as ControlOperationId } from '../../../generated/control/operations.js';
import { serveUi } from '../../ui/serve-ui.js';
import { createRouter } from '../match-route.js';
import type { MockContext } from '../mock-context.js';
import { parseBody } from '../parse-body.js';
import { readRawBody } from '../read-raw-body.js';
import { requestState } from '../request-state.js';
import { routeStage } from '../route-stage.js';
import { validateInput } from '../validate-input.js';
import { controlHandlers, type ControlHandler } from './control-handlers.js';
import { dashboardHandlers } from './dashboard-handlers.js';
import { openEventStream } from './event-stream.js';

const handlers: Record<Exclude<ControlOperationId, 'streamEvents'>, ControlHandler> = { ...controlHandlers, ...dashboardHandlers };

/** PUT /state takes a whole sandbox as a fixture: far more than an API request may carry. */
export const CONTROL_BODY_LIMIT = 256 * 1024 * 1024;

export function createControlRouter(ctx: MockContext): Router {
  const router = expressRouter();
  router.use('/ui', ...serveUi());
  router.use(routeStage(createRouter(controlOperationList), '/__nx'), ...readRawBody(ctx, Math.max(ctx.options.bodyLimit, CONTROL_BODY_LIMIT)), parseBody(), validateInput(), async (req, res) => {
    const state = requestState(res);
    const operationId = state.op?.operationId as ControlOperationId;
    if (operationId === 'streamEvents') return openEventStream(ctx, res);
    const result = await handlers[operationId](ctx, { agent: undefined, params: state.params ?? {}, query: state.query ?? {}, body: state.body });
    // Whatever changed state is announced, so open dashboards refetch what it touched.
    if (req.method !== 'GET') ctx.events.publish('control', { operationId });
    if (result.body === undefined) {
      res.status(result.status).end();
      return;
    }
    res.status(result.status).type('application/json').send(JSON.stringify(result.body));
  });
  return router;
}
