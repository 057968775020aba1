// What the pipeline stages learn about one request, kept on res.locals under one typed key
// so that stages can't misspell each other's fields.
import type { Response } from 'express';
import type { OperationDef } from '../../codegen/runtime.js';
import type { AgentRecord } from '../engine/index.js';

export interface RequestState {
  requestId: string;
  startedAt: number;
  op?: OperationDef;
  rawParams?: Record<string, string>;
  /** The request path as received (percent-encoding kept), without the query. */
  fullPath: string;
  /** Path relative to the mount (/v1/agent or /__nx) as received, without the query. */
  apiPath: string;
  /** Raw query string without '?'. */
  rawQuery: string;
  rawBody: Buffer;
  /** A Content-Encoding other than identity, which the mock does not accept. */
  contentEncoding?: string;
  agent?: AgentRecord;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  problemCode?: string;
  responseBody?: string;
}

export function requestState(res: Response): RequestState {
  const state = res.locals.nx as RequestState | undefined;
  if (!state) throw new Error('request state missing: the request-id stage must run first');
  return state;
}
