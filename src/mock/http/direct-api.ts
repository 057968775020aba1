// API requests go straight to the mock's one API handler, past Express's router. The router
// cost a path match, a next() and a dozen allocations per request, and the API never used it:
// one handler takes an API request from its first byte to its answer (create-mock-app.ts).
// Measured on signed POST /orders: mock CPU per request 243 → 214 µs (9 interleaved rounds).
// Everything else (the control API, unknown paths, a mock mounted under a prefix) still goes
// through Express, unchanged.
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { isApiPath } from './api-path.js';

type Handle = (req: Request, res: Response, callback?: NextFunction) => void;

/**
 * Makes `app` hand API requests to `api` itself, set up as Express would (res.locals,
 * originalUrl, baseUrl, params), with errors going to `onError` as the router would have sent them
 * there. `api` gets Node's request and response: Express's methods come with an error (before
 * `onError`) and with a conditional GET. `onError` must answer; if it throws, the response ends
 * with a 500.
 */
export function routeApiDirectly(app: Express, api: RequestHandler, onError: ErrorRequestHandler): void {
  const viaExpress = (app as unknown as { handle: Handle }).handle;
  const direct: Handle = function (this: Express, req, res, callback) {
    // What the router's first layer saw as the path: originalUrl under a parent app, else url.
    const url = req.originalUrl || req.url;
    const q = url.indexOf('?');
    if (!isApiPath(q === -1 ? url : url.slice(0, q))) return viaExpress.call(this, req, res, callback);
    req.res = res;
    res.req = req;
    res.locals ??= Object.create(null) as Response['locals'];
    req.originalUrl = url;
    req.baseUrl = '';
    req.params = {};
    // Express's request and response methods are given (by prototype, as Express does) only where
    // they are used: answering an error, and a conditional GET (respond.ts leaves those to
    // res.send). The rest of the API path uses Node's own methods; changing two prototypes per
    // request was a tenth of this path's own CPU.
    const asExpress = (): void => {
      if (Object.getPrototypeOf(res) === this.response) return;
      Object.setPrototypeOf(req, this.request);
      Object.setPrototypeOf(res, this.response);
    };
    if (req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) asExpress();
    const fail = (error: unknown): void => {
      try {
        asExpress();
        onError(error, req, res, () => undefined);
      } catch {
        // The error handler itself broke: end the response rather than leave the client hanging.
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      }
    };
    try {
      const returned = api(req, res, (error?: unknown) => fail(error)) as unknown;
      if (returned instanceof Promise) returned.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
  (app as unknown as { handle: Handle }).handle = direct;
}
