// Per-operation types derived from a generated operation table, so the mock's handlers and the
// typed client are checked against the spec: an input or answer that drifts is a compile error.
// `…In<T, K>` work on any table (the control API's too); `…Of<K>` on the Agent Connect API's.
import type { z } from 'zod';
import type { operations, OperationId } from '../generated/operations.js';

interface TableEntry {
  security: string;
  params: { path: z.ZodType; query: z.ZodType };
  requestBody: { schema: z.ZodType; required: boolean } | null;
  responses: Readonly<Record<string, { schema: z.ZodType | null }>>;
}

type WithBody<R> = R extends { schema: infer S extends z.ZodType } ? { body: z.input<S> } : { body?: undefined };
type StatusNumber<S> = S extends `${infer N extends number}` ? N : never;

export type ParamsIn<E extends TableEntry> = z.output<E['params']['path']>;
export type QueryIn<E extends TableEntry> = z.output<E['params']['query']>;
export type BodyIn<E extends TableEntry> = E['requestBody'] extends { schema: infer S extends z.ZodType; required: infer R }
  ? R extends true
    ? z.output<S>
    : z.output<S> | undefined
  : undefined;
export type SuccessIn<E extends TableEntry> = {
  [S in Extract<keyof E['responses'], `2${string}`>]: { status: StatusNumber<S> } & WithBody<E['responses'][S]>;
}[Extract<keyof E['responses'], `2${string}`>];

type Op<K extends OperationId> = (typeof operations)[K];

/** Validated path parameters (after coercion). */
export type ParamsOf<K extends OperationId> = ParamsIn<Op<K>>;
/** Validated query parameters (after coercion and defaults). */
export type QueryOf<K extends OperationId> = QueryIn<Op<K>>;
/** The validated request body; undefined for operations that take none (or when an optional one was omitted). */
export type BodyOf<K extends OperationId> = BodyIn<Op<K>>;
/** One of the operation's documented success answers: its status and the body the spec gives it. */
export type SuccessOf<K extends OperationId> = SuccessIn<Op<K>>;
type Out<R> = R extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined;
type Payload<E extends TableEntry> = E['requestBody'] extends { schema: infer S extends z.ZodType } ? z.input<S> : undefined;

/** The parsed body of any of the operation's success answers (what a client reads). */
export type OkBodyOf<K extends OperationId> = { [S in Extract<keyof Op<K>['responses'], `2${string}`>]: Out<Op<K>['responses'][S]> }[Extract<keyof Op<K>['responses'], `2${string}`>];
/** The request body a client sends (zod's input form: defaults may be left out). */
export type PayloadOf<K extends OperationId> = Payload<Op<K>>;
/** Whether the operation is authenticated (`security` not empty in the spec). */
export type IsAuthenticated<K extends OperationId> = Op<K>['security'] extends 'agent' ? true : false;
