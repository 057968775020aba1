// Hand-written support code imported by the generated modules in src/generated/. Kept tiny
// and dependency-free (besides zod) because it ships with the generated code.
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseDef {
  description: string;
  /** null when the response has no body. */
  contentType: string | null;
  /** Response form of the body schema (writeOnly properties removed); null without a body. */
  schema: z.ZodType | null;
  /** Lower-cased names of the headers the spec declares for this response. */
  headers: readonly string[];
  /** The subset of `headers` marked `required: true`. */
  requiredHeaders: readonly string[];
}

export interface OperationDef {
  operationId: string;
  method: HttpMethod;
  /** The OpenAPI path template relative to the server base, e.g. '/orders/{orderId}'. */
  path: string;
  /** The operation's `x-permission` extension; null when absent. */
  permission: string | null;
  /** 'none' when the operation's effective `security` is empty, else 'agent'. */
  security: 'none' | 'agent';
  /**
   * One object schema per parameter location. Path and query values arrive as strings, so
   * numbers are coerced and booleans accept 'true'/'false'. Query and header objects are
   * loose (unknown keys pass through); header names are lower-cased.
   */
  params: { path: z.ZodType; query: z.ZodType; header: z.ZodType };
  /** Request form of the body schema (readOnly properties removed). */
  requestBody: { contentType: string; required: boolean; schema: z.ZodType } | null;
  /** Keyed as in the spec: '200', '201', '4XX', 'default', ... */
  responses: Readonly<Record<string, ResponseDef>>;
}

export interface WebhookDef {
  /** The key of the spec's top-level `webhooks` map, e.g. 'order.filled'. */
  event: string;
  method: HttpMethod;
  operationId: string | null;
  contentType: string | null;
  /**
   * The payload schema. The exchange is the sender and the payload carries server-owned data,
   * so this is the response form (readOnly properties such as ids are kept).
   */
  schema: z.ZodType | null;
  /** The delivery's header parameters (names lower-cased; loose, like OperationDef's). */
  headers: z.ZodType;
}

/** Canonical JSON (sorted keys) so structurally equal items compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** JSON Schema `uniqueItems`: no two items are deeply equal. */
export function hasUniqueItems(items: readonly unknown[]): boolean {
  return new Set(items.map(canonical)).size === items.length;
}

/**
 * Query arrays in `form` style with explode (the default): `?a=1&a=2`. HTTP layers hand over a
 * single string for one occurrence and an array for several; normalise to an array.
 */
export function formArray(value: unknown): unknown {
  if (value === undefined || Array.isArray(value)) return value;
  return [value];
}

/** Arrays serialised as one comma-separated value (`explode: false`, and path/header `simple`). */
export function commaArray(value: unknown): unknown {
  if (value === undefined || Array.isArray(value)) return value;
  const s = String(value);
  return s === '' ? [] : s.split(',');
}
