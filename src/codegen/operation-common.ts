// Pieces shared by operations.ts and webhooks.ts: walking path items and their operations.
import type { oas31 } from 'openapi3-ts';
import { CodegenError } from './errors.js';
import { isAnnotation } from './keywords.js';
import { child, deref, isRecord } from './pointer.js';
import type { HttpMethod } from '../rules/runtime.js';

const METHODS = new Set<string>(['get', 'put', 'post', 'delete', 'patch']);
const PATH_ITEM_KEYS = new Set(['summary', 'description', 'servers', 'parameters']);
const OPERATION_KEYS = new Set([
  'tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters',
  'requestBody', 'responses', 'deprecated', 'security', 'servers',
]);

export interface OperationAt {
  method: HttpMethod;
  op: Record<string, unknown>;
  pointer: string;
  /** Path-item level parameters (they apply to every operation of the item). */
  itemParams: unknown[];
  itemPointer: string;
}

/** The operations of one path item in the order the spec lists them. */
export function operationsOf(raw: unknown, pointer: string, doc: oas31.OpenAPIObject): OperationAt[] {
  const { value: item, pointer: itemPointer } = deref(doc, raw, pointer);
  const result: OperationAt[] = [];
  for (const [key, value] of Object.entries(item)) {
    if (PATH_ITEM_KEYS.has(key) || isAnnotation(key)) continue;
    if (!METHODS.has(key)) throw new CodegenError(`unsupported path item keyword "${key}"`, itemPointer);
    const at = child(itemPointer, key);
    if (!isRecord(value)) throw new CodegenError('an operation must be an object', at);
    for (const k of Object.keys(value)) {
      if (!OPERATION_KEYS.has(k) && !isAnnotation(k)) throw new CodegenError(`unsupported operation keyword "${k}"`, at);
    }
    result.push({ method: key as HttpMethod, op: value, pointer: at, itemParams: [], itemPointer });
  }
  const params = item.parameters ?? [];
  if (!Array.isArray(params)) throw new CodegenError('"parameters" must be an array', child(itemPointer, 'parameters'));
  for (const r of result) r.itemParams = params;
  return result;
}

/** Path-item parameters first, then the operation's own (which override same-named ones). */
export function parameterRefs(at: OperationAt): Array<{ param: unknown; pointer: string }> {
  const own = at.op.parameters ?? [];
  if (!Array.isArray(own)) throw new CodegenError('"parameters" must be an array', child(at.pointer, 'parameters'));
  return [
    ...at.itemParams.map((param, i) => ({ param, pointer: child(at.itemPointer, 'parameters', i) })),
    ...own.map((param, i) => ({ param, pointer: child(at.pointer, 'parameters', i) })),
  ];
}
