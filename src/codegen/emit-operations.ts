// operations.ts: an OperationDef per operation, keyed by operationId, in spec order.
import type { oas31 } from 'openapi3-ts';
import { block, propKey, str } from './code.js';
import { moduleContexts, type ComponentNames } from './context.js';
import { CodegenError } from './errors.js';
import { importLines } from './imports.js';
import { operationsOf, parameterRefs, type OperationAt } from './operation-common.js';
import { requestBodyCode, responsesCode } from './bodies.js';
import { child, isRecord } from './pointer.js';
import { paramsCode } from './zod-params.js';

/**
 * 'none' only when the effective requirement list is empty (`security: []` on the operation,
 * or no security anywhere); an empty object inside the list would mean "auth optional",
 * which the OperationDef cannot express, so it is rejected.
 */
function securityOf(at: OperationAt, doc: oas31.OpenAPIObject): 'none' | 'agent' {
  const own = at.op.security;
  const effective = own ?? doc.security ?? [];
  const where = own !== undefined ? child(at.pointer, 'security') : '#/security';
  if (!Array.isArray(effective)) throw new CodegenError('"security" must be an array', where);
  const schemes = doc.components?.securitySchemes ?? {};
  for (const [i, requirement] of effective.entries()) {
    if (!isRecord(requirement) || Object.keys(requirement).length === 0) {
      throw new CodegenError('empty security requirement (optional auth) is not supported', child(where, i));
    }
    for (const scheme of Object.keys(requirement)) {
      if (!(scheme in schemes)) throw new CodegenError(`unknown security scheme "${scheme}"`, child(where, i));
    }
  }
  return effective.length === 0 ? 'none' : 'agent';
}

function permissionOf(at: OperationAt): string {
  const p = at.op['x-permission'];
  // Absent and an explicit `x-permission: null` both mean "no permission needed".
  if (p === undefined || p === null) return 'null';
  if (typeof p !== 'string') throw new CodegenError('"x-permission" must be a string or null', child(at.pointer, 'x-permission'));
  return str(p);
}

export function emitOperations(doc: oas31.OpenAPIObject, names: ComponentNames, runtimeImport: string): string {
  const contexts = moduleContexts(doc, names);
  const seen = new Map<string, string>();
  const entries: string[] = [];
  const ids: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const at of operationsOf(item, child('#/paths', path), doc)) {
      const id = at.op.operationId;
      if (typeof id !== 'string' || id === '') throw new CodegenError('every operation needs an operationId', at.pointer);
      const previous = seen.get(id);
      if (previous) throw new CodegenError(`operationId "${id}" is also used at ${previous}`, at.pointer);
      seen.set(id, at.pointer);
      ids.push(id);
      const fields = [
        `operationId: ${str(id)}`,
        `method: ${str(at.method)}`,
        `path: ${str(path)}`,
        `permission: ${permissionOf(at)}`,
        `security: ${str(securityOf(at, doc))}`,
        `params: ${paramsCode(parameterRefs(at), path, at.pointer, contexts.make('request'))}`,
        `requestBody: ${requestBodyCode(at.op.requestBody, child(at.pointer, 'requestBody'), contexts.make('request'))}`,
        `responses: ${responsesCode(at.op.responses, child(at.pointer, 'responses'), contexts.make('response'))}`,
      ];
      entries.push(`${propKey(id)}: ${block('{', fields, '}')}`);
    }
  }
  const imports = importLines({
    runtimeImport,
    runtimeValues: contexts.runtime,
    runtimeTypes: ['OperationDef'],
    schemas: contexts.usesSchemas(),
  });
  return [
    imports,
    `export const operations = ${block('{', entries, '}')} as const satisfies Record<string, OperationDef>;`,
    'export type OperationId = keyof typeof operations;',
    `/** Every operation, in spec order. */\nexport const operationList: readonly OperationDef[] = Object.values(operations);`,
  ].join('\n\n');
}
