// The request rules as one Express middleware: a thin adapter over src/rules. It builds the raw
// request, runs the stages that need no body, reads the body (refusing an oversized one early),
// lets injected faults act, runs the remaining stages, and hands a request that passed every rule
// to `act`. A refusal goes to the error handler as an HttpProblem, marked with the refusing stage.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { runStages } from '../../rules/judge-request.js';
import { newJudging, type Judging } from '../../rules/judging.js';
import type { Pipeline } from '../../rules/pipeline.js';
import { HttpProblem, type Problem } from '../../rules/problems.js';
import type { RuleState } from '../../rules/rule-state.js';
import type { AgentRecord } from '../engine/index.js';
import { applyFault } from './fault-stage.js';
import type { MockContext } from './mock-context.js';
import { setRateLimitHeaders } from './rate-limit-headers.js';
import { readRawBody } from './read-raw-body.js';
import { requestState, type Refuser, type RequestState } from './request-state.js';

const EMPTY = Buffer.alloc(0);

export interface PipelineRoute {
  pipeline: Pipeline;
  rules: RuleState<AgentRecord>;
  /** Largest body read (the rules' body-size limit, enforced while streaming). */
  bodyLimit: number;
  /** Apply the control API's injected faults (the public API only). */
  faults: boolean;
  /** Answers a request that passed every rule; a thrown error goes to the error handler. */
  act(state: RequestState, judging: Judging<AgentRecord>, res: Response): void | Promise<void>;
}

export function runPipeline(ctx: MockContext, route: PipelineRoute): RequestHandler {
  const split = route.pipeline.findIndex((s) => s.needsBody);
  const early = split === -1 ? route.pipeline : route.pipeline.slice(0, split);
  const late = split === -1 ? [] : route.pipeline.slice(split);
  return (req: Request, res: Response, next: NextFunction) => {
    const state = requestState(res);
    const refuse = (problem: Problem, by: Refuser): void => {
      state.refusedBy = by;
      next(HttpProblem.from(problem));
    };
    // On a virtual or fixed clock the wall-clock arrival goes along too (this adapter may read the
    // wall clock; the rules may not), so a 401 can recognise a client signing with the real time.
    const kind = ctx.clock.kind;
    const wallClock = kind === 'real' ? {} : { wallClock: { at: Date.now(), judgeClock: kind } };
    const j = newJudging(
      { method: req.method, path: state.fullPath, query: state.rawQuery, headers: req.headers, body: EMPTY, receivedAt: state.receivedAt, clientAddress: req.socket.remoteAddress, ...wallClock },
      route.rules,
    );
    state.judging = j;
    const first = runStages(j, early);
    if (first.problem) {
      const { problem, stage } = first;
      if (j.rate) setRateLimitHeaders(res, j.rate.decision, j.rate.windowSeconds, j.rate.policy);
      // Refused before its body was read: close rather than read (and pay for) what follows.
      if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined) res.setHeader('Connection', 'close');
      // A client over its failed-authentication budget gets its 429 after a pause (it was told to
      // wait longer anyway): a client looping on failures then slows itself down, not the mock.
      // Its unread body waits in TCP's buffers meanwhile, costing nothing.
      const pause = ctx.options.failedAuthPauseMs;
      if (stage === 'auth-budget' && pause > 0) return void setTimeout(() => refuse(problem, stage), pause).unref();
      return refuse(problem, stage ?? 'route');
    }
    readRawBody(req, res, route.bodyLimit, (error, body) => {
      // Over the limit is the body-size rule, enforced while streaming; a broken body is HTTP's.
      if (error) return refuse(error, error.code === 'payload_too_large' ? 'body-size' : 'http');
      state.rawBody = body;
      j.raw = { ...j.raw, body };
      const rest = (): void => {
        try {
          const judged = runStages(j, late);
          if (j.rate) setRateLimitHeaders(res, j.rate.decision, j.rate.windowSeconds, j.rate.policy);
          if (judged.problem) return refuse(judged.problem, judged.stage ?? 'http');
          Promise.resolve(route.act(state, j, res)).catch((e: unknown) => {
            state.refusedBy = 'handler';
            next(e);
          });
        } catch (e) {
          state.refusedBy = 'handler';
          next(e);
        }
      };
      if (route.faults && j.op) applyFault(ctx, j.op.operationId, req, rest, (p) => refuse(p, 'fault'));
      else rest();
    });
  };
}
