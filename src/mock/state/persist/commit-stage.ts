// Write-ahead for HTTP: just before a response goes out (res.end, which every Express answer
// ends in), the changes it acknowledges are committed. When that fails, the answer becomes a 503
// instead: nothing was acknowledged, and a retry (with the same clientOrderId for an order)
// gets the change written, or replayed once it was.
import type { RequestHandler, Response } from 'express';
import { HttpProblem, problemBody } from '../../../rules/problems.js';
import type { Persistence } from './persistence.js';

function refuse(res: Response, error: unknown): string {
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
  return (_req, res, next) => {
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (!res.headersSent) {
        try {
          persistence.commitForResponse();
        } catch (error) {
          log(`state file ${persistence.file}: write failed, answered 503: ${(error as Error).message}`);
          return end(refuse(res, error));
        }
      }
      return end(...args);
    }) as Response['end'];
    next();
  };
}
