// The contract between the pipeline and the operations: a handler gets validated input and the
// mock's context, acts on the engine, and returns status, body and extra headers. No Express.
import type { AgentRecord } from '../../engine/index.js';
import type { MockContext } from '../mock-context.js';

export interface HandlerInput {
  agent: AgentRecord | undefined;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: MockContext, input: HandlerInput) => HandlerResult;

/** For operations that need an agent: the pipeline guarantees it after authentication. */
export function requireAgent(input: HandlerInput): AgentRecord {
  if (!input.agent) throw new Error('handler needs an authenticated agent; the operation must declare security');
  return input.agent;
}
