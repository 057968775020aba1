// createMockApp(options): the mock exchange as an Express app that does not listen (for
// supertest and people's own tests). Each request runs the pipeline below, one small stage each.
import express, { type Express } from 'express';
import { authenticate } from './authenticate.js';
import { authorize } from './authorize.js';
import { beginRequest } from './begin-request.js';
import { createControlRouter } from './control/control-router.js';
import { errorHandler } from './error-handler.js';
import { faultStage } from './fault-stage.js';
import { createMockContext, type MockContext } from './mock-context.js';
import { commitBeforeResponse } from '../state/persist/commit-stage.js';
import type { MockOptions } from './mock-options.js';
import { parseBody } from './parse-body.js';
import { HttpProblem } from './problem.js';
import { rateLimit } from './rate-limit.js';
import { readRawBody } from './read-raw-body.js';
import { respond } from './respond.js';
import { routeStage } from './route-stage.js';
import { validateInput } from './validate-input.js';

export interface MockApp {
  app: Express;
  ctx: MockContext;
}

export function createMockApp(options: MockOptions = {}): MockApp {
  const ctx = createMockContext(options);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.use(beginRequest(ctx));
  if (ctx.persistence) app.use(commitBeforeResponse(ctx.persistence, ctx.log));
  if (ctx.options.control) app.use('/__nx', createControlRouter(ctx));
  app.use(
    '/v1/agent',
    routeStage(ctx.router, '/v1/agent'),
    // The body is read before faults act, so an answer faked by a fault is journaled and
    // recorded with what the client sent (the client runner judges the retried order by it).
    ...readRawBody(ctx),
    faultStage(ctx),
    authenticate(ctx),
    rateLimit(ctx),
    authorize(ctx),
    parseBody(),
    validateInput(),
    respond(ctx),
  );
  app.use((req, _res, next) => {
    // With --no-control the mock does not advertise that a control API could exist.
    const where =
      req.path.startsWith('/__nx') && ctx.options.control
        ? 'openapi/control.yaml lists the control API paths'
        : `the API lives under /v1/agent${ctx.options.control ? ' and the control API under /__nx' : ''}`;
    next(new HttpProblem('not_found', `Nothing at ${req.method} ${req.path}; ${where}.`));
  });
  app.use(errorHandler(ctx));
  return { app, ctx };
}
