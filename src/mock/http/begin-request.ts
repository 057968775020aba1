// Stage 0: give the request an id, a Date from the injected clock (so equal clocks give equal
// headers), and a journal entry written when the response has gone out.
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { httpDate } from './http-date.js';
import { createJournalRedactor } from './journal-redactor.js';
import type { MockContext } from './mock-context.js';
import type { RequestState } from './request-state.js';
import { iso } from './serialize.js';

const EMPTY = Buffer.alloc(0);

export function beginRequest(ctx: MockContext): RequestHandler {
  const redactor = createJournalRedactor(ctx.secrets);
  return (req, res, next) => {
    const receivedAt = ctx.clock.now();
    const url = req.originalUrl;
    const q = url.indexOf('?');
    const fullPath = q === -1 ? url : url.slice(0, q);
    const control = fullPath.startsWith('/__nx');
    const requestId = control ? ctx.nextControlRequestId() : ctx.nextRequestId();
    const state: RequestState = {
      requestId,
      startedAt: performance.now(),
      receivedAt,
      fullPath,
      rawQuery: q === -1 ? '' : url.slice(q + 1),
      rawBody: EMPTY,
    };
    res.locals.nx = state;
    res.sendDate = false;
    res.setHeader('Date', httpDate(receivedAt));
    res.setHeader('X-Request-Id', requestId);
    if (control) return next();
    res.on('finish', () => {
      // Everything a client sent can carry a credential: redacted whole, clipped afterwards. The
      // journal redacts it all before storing the entry (journal-redactor.ts remembers repeats).
      ctx.journal.add(
        {
          at: iso(ctx.clock.now()),
          requestId,
          method: req.method,
          path: redactor.path(fullPath),
          operationId: state.judging?.op?.operationId ?? null,
          agentId: state.judging?.agent?.agentId ?? null,
          status: res.statusCode,
          code: state.problemCode ?? null,
          durationMs: Math.round((performance.now() - state.startedAt) * 100) / 100,
        },
        () => redactor.details(state.rawQuery, req.headers, state.rawBody.toString('utf8'), state.responseBody ?? ''),
      );
      ctx.options.onRequest?.({
        requestId,
        method: req.method,
        path: fullPath,
        query: state.rawQuery,
        headers: { ...req.headers },
        body: state.rawBody,
        receivedAt,
        at: ctx.clock.now(),
        clientAddress: req.socket.remoteAddress,
        operationId: state.judging?.op?.operationId ?? null,
        agentId: state.judging?.agent?.agentId ?? null,
        status: res.statusCode,
        problemCode: state.problemCode ?? null,
        refusedBy: state.refusedBy ?? null,
        responseHeaders: Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)])),
        responseBody: state.responseBody ?? '',
      });
    });
    next();
  };
}
