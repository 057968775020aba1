// Stage 2b: read the body as raw bytes (capped at 1 MiB). The HMAC is computed over exactly
// these bytes, so nothing may parse or re-encode them before authentication.
import express, { type RequestHandler } from 'express';
import type { MockContext } from './mock-context.js';
import { requestState } from './request-state.js';

export function readRawBody(ctx: MockContext): RequestHandler[] {
  return [
    express.raw({ type: () => true, limit: ctx.options.bodyLimit, inflate: false }),
    (req, res, next) => {
      requestState(res).rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      next();
    },
  ];
}
