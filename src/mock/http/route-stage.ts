// Stage 1 as middleware: find the operation or answer 404/405. Also fixes the path relative to
// the mount point, which is what signatures cover.
import type { RequestHandler } from 'express';
import type { Router } from './match-route.js';
import { requestState } from './request-state.js';

export function routeStage(router: Router, base: string): RequestHandler {
  return (req, res, next) => {
    const state = requestState(res);
    state.apiPath = state.fullPath.startsWith(base) ? state.fullPath.slice(base.length) || '/' : state.fullPath;
    const { op, rawParams } = router.match(req.method, state.apiPath);
    state.op = op;
    state.rawParams = rawParams;
    next();
  };
}
