// Stage 2b, after the raw body is read: injected faults (control API). Latency delays the
// request, an error answers a 5xx (or 429) problem, a drop destroys the socket without an answer.
import type { RequestHandler } from 'express';
import type { MockContext } from './mock-context.js';
import { HttpProblem } from './problem.js';
import { requestState } from './request-state.js';

export function faultStage(ctx: MockContext): RequestHandler {
  return (req, res, next) => {
    const { op } = requestState(res);
    const decision = op ? ctx.faults.pick(op.operationId) : null;
    if (!decision) return next();
    const { fault, delayMs } = decision;
    const act = (): void => {
      if (fault.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'error') {
        const status = fault.status ?? 503;
        if (status === 429) {
          // A rate-limit storm for the client-side runner: an honest Retry-After, as the limiter sends.
          const retryAfter = fault.retryAfterSeconds ?? 1;
          next(new HttpProblem('rate_limited', `An injected fault (${fault.id}) answered 429; retry in ${retryAfter} s.`, {
            extras: { retryAfter },
            headers: { 'Retry-After': String(retryAfter) },
          }));
          return;
        }
        const code = status === 500 ? 'internal_error' : 'service_unavailable';
        next(new HttpProblem(code, `An injected fault (${fault.id}) answered ${status}. Clear it with DELETE /__nx/faults.`, { status }));
        return;
      }
      next();
    };
    // Injected latency is real time on purpose: it exercises the client's time-outs.
    if (delayMs > 0) setTimeout(act, delayMs).unref();
    else act();
  };
}
