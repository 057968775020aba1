// createMockApp(options): the mock exchange as an Express app that does not listen (for
// supertest and people's own tests). Each API request runs the request rules of src/rules through
// one adapter middleware, then its operation's handler; every error ends in the error handler.
import express, { type Express, type Request, type RequestHandler, type Response, type Router } from 'express';
import { HttpProblem } from '../../rules/problems.js';
import { SIGNING_BASE_PATH } from '../../signing/constants.js';
import { beginRequest } from './begin-request.js';
import { routeApiDirectly } from './direct-api.js';
import { errorHandler } from './error-handler.js';
import { createMockContext, type MockContext } from './mock-context.js';
import { commitBeforeResponse } from '../state/persist/commit-stage.js';
import type { MockOptions } from './mock-options.js';
import { requestState } from './request-state.js';
import { respond } from './respond.js';
import { runPipeline } from './run-pipeline.js';

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
  const begin = beginRequest(ctx);
  const commit = ctx.persistence ? commitBeforeResponse(ctx.persistence, ctx.log) : undefined;
  const api = runPipeline(ctx, { pipeline: ctx.parts.pipeline, rules: ctx.rules, bodyLimit: ctx.options.bodyLimit, faults: true, act: (state, j, res) => respond(ctx, state, j, res) });
  // One handler takes an API request from its first byte to its answer: begin (id, Date,
  // journal), the state file's commit hook, then the request rules and the handler; the stages
  // stay plain functions. API requests reach it without Express's router (direct-api.ts); the
  // control API and unknown paths go through the layers below, each request begun the same way.
  const begun = (req: Request, res: Response, then: () => void): void => {
    begin(req, res, () => (commit ? commit(req, res, then) : then()));
  };
  const onError = errorHandler(ctx);
  routeApiDirectly(app, (req, res, next) => begun(req, res, () => void api(req, res, next)), onError);
  app.use((req, res, next) => begun(req, res, () => next()));
  if (ctx.options.control) app.use('/__nx', lazyControlRouter(ctx));
  app.use((req, res, next) => {
    requestState(res).refusedBy = 'route';
    // With --no-control the mock does not advertise that a control API could exist.
    const where =
      req.path.startsWith('/__nx') && ctx.options.control
        ? 'openapi/control.yaml lists the control API paths'
        : `the API lives under ${SIGNING_BASE_PATH}${ctx.options.control ? ' and the control API under /__nx' : ''}`;
    next(new HttpProblem('not_found', `Nothing at ${req.method} ${req.path}; ${where}.`));
  });
  app.use(onError);
  return { app, ctx };
}

/**
 * The control API, loaded on its first request: its spec's schemas, its handlers and the dashboard
 * are a tenth of the mock's modules, and a mock used only through the API never needs them.
 * The request waits for the import (its body stays unread in the socket meanwhile).
 */
function lazyControlRouter(ctx: MockContext): RequestHandler {
  let router: Promise<Router> | undefined;
  return (req, res, next) => {
    router ??= import('./control/control-router.js').then((m) => m.createControlRouter(ctx));
    router.then((r) => r(req, res, next), next);
  };
}
