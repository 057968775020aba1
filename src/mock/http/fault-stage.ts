// Injected faults (control API), after the raw body is read so a faked answer is journaled with
// what the client sent: latency delays the request, an error answers a 5xx (or 429) problem, a
// drop destroys the socket without an answer.
import type { Request } from 'express';
import { HttpProblem } from '../../rules/problems.js';
import type { MockContext } from './mock-context.js';

/** Calls `go` (possibly later) when no fault stops the request, `fail` with the fault's problem. */
export function applyFault(ctx: MockContext, operationId: string, req: Request, go: () => void, fail: (problem: HttpProblem) => void): void {
  const decision = ctx.faults.pick(operationId);
  if (!decision) return go();
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
        return fail(new HttpProblem('rate_limited', `An injected fault (${fault.id}) answered 429; retry in ${retryAfter} s.`, {
          extras: { retryAfter },
          headers: { 'Retry-After': String(retryAfter) },
        }));
      }
      const code = status === 500 ? 'internal_error' : 'service_unavailable';
      return fail(new HttpProblem(code, `An injected fault (${fault.id}) answered ${status}. Clear it with DELETE /__nx/faults.`, { status }));
    }
    go();
  };
  // Injected latency is real time on purpose: it exercises the client's time-outs.
  if (delayMs > 0) setTimeout(act, delayMs).unref();
  else act();
}
