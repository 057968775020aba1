// The contract between the pipeline and the operations: a handler gets the input the rules
// validated, typed from the generated operation table, acts on the engine, and returns one of the
// operation's documented success answers. No Express.
import type { OperationId } from '../../../generated/operations.js';
import type { BodyOf, IsAuthenticated, ParamsOf, QueryOf, SuccessOf } from '../../../rules/operation-types.js';
import type { AgentRecord } from '../../engine/index.js';
import type { MockContext } from '../mock-context.js';

export interface HandlerInput<K extends OperationId> {
  /** The authenticated agent; the rules guarantee it for every operation with `security`. */
  agent: IsAuthenticated<K> extends true ? AgentRecord : undefined;
  params: ParamsOf<K>;
  query: QueryOf<K>;
  body: BodyOf<K>;
}

export type HandlerResult<K extends OperationId> = SuccessOf<K> & { headers?: Record<string, string> };

export type Handler<K extends OperationId> = (ctx: MockContext, input: HandlerInput<K>) => HandlerResult<K>;

export type Handlers = { readonly [K in OperationId]: Handler<K> };

/** What the rules hand over, before it is narrowed to one operation's types. */
export interface ValidatedInput {
  agent: AgentRecord | undefined;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface AnyResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Runs the handler of `operationId`. The one place input is narrowed to an operation's types: the
 * rules validated it with that very operation's generated schemas, and authenticated operations
 * always carry their agent, so the input has the handler's types by construction.
 */
export function dispatch(handlers: Handlers, operationId: OperationId, ctx: MockContext, input: ValidatedInput): AnyResult {
  const handler = handlers[operationId] as unknown as (ctx: MockContext, input: ValidatedInput) => AnyResult;
  return handler(ctx, input);
}
