// Write-ahead for HTTP, with group commit. A response goes out (res.end, which every Express
// answer ends in) only once the changes it may show are committed: while anything a client
// could see is waiting to be written, answers are held and the whole lot is committed in one
// transaction at the end of the event-loop turn, then released together. Under concurrent
// load one commit serves many requests; an idle mock pays one event-loop turn per change.
// When the commit fails the held answers become 503s instead: nothing is acknowledged, and a
// retry (with the same clientOrderId for an order) gets the change written, or replayed once it was.
import type { RequestHandler, Response } from 'express';
import { HttpProblem, problemBody } from '../../../rules/problems.js';
import type { Persistence } from './persistence.js';

type End = (...args: unknown[]) => Response;

function refusal(res: Response, error: unknown): string {
  const problem = new HttpProblem(
    'service_unavailable',
    `The change could not be written to the state file (${(error as Error).message}), so it is not acknowledged. ` +
      'Retry once the disk is writable again; an order retried with the same clientOrderId is not placed twice.',
  );
  const body = JSON.stringify(problemBody(problem, String((res.locals.nx as { requestId?: string } | undefined)?.requestId ?? 'req_0')));
  res.statusCode = problem.status;
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('Retry-After', '1');
  return body;
}

export function commitBeforeResponse(persistence: Persistence, log: (line: string) => void): RequestHandler {
  let held: Array<{ res: Response; end: End; args: unknown[] }> = [];
  const release = (): void => {
    const batch = held;
    held = [];
    let failure: unknown;
    try {
      persistence.flush();
    } catch (error) {
      failure = error;
      log(`state file ${persistence.file}: write failed, ${batch.length} answer(s) turned into 503: ${(error as Error).message}`);
    }
    for (const { res, end, args } of batch) {
      if (failure === undefined || res.headersSent) end(...args);
      else end(refusal(res, failure));
    }
  };
  return (_req, res, next) => {
    const end = res.end.bind(res) as End;
    res.end = ((...args: unknown[]) => {
      if (res.headersSent || (!persistence.mustCommit() && held.length === 0)) return end(...args);
      if (held.length === 0) setImmediate(release);
      held.push({ res, end, args });
      return res;
    }) as Response['end'];
    next();
  };
}
