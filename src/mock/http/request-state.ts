// What the mock learns about one request, kept on res.locals under one typed key: the journal
// fields, and the rules' judging (operation, agent, validated input) once the pipeline has run.
import type { Response } from 'express';
import type { Judging } from '../../rules/judging.js';
import type { AgentRecord } from '../engine/index.js';
import type { Refuser } from './refuser.js';

export type { Refuser } from './refuser.js';

export interface RequestState {
  requestId: string;
  startedAt: number;
  /** The mock clock when the request arrived: the rules judge the time window and quotas by it. */
  receivedAt: number;
  /** The request path as received (percent-encoding kept), without the query. */
  fullPath: string;
  /** Raw query string without '?'. */
  rawQuery: string;
  rawBody: Buffer;
  judging?: Judging<AgentRecord>;
  problemCode?: string;
  refusedBy?: Refuser;
  responseBody?: string;
}

export function requestState(res: Response): RequestState {
  const state = res.locals.nx as RequestState | undefined;
  if (!state) throw new Error('request state missing: the request-id stage must run first');
  return state;
}
