// Parameters -> one zod object per location. Path, query and header values arrive as
// strings, so scalar schemas are wrapped to coerce: numbers via z.coerce.number(), booleans
// via z.stringbool accepting exactly 'true'/'false', arrays split per the parameter's style.
import { block, defaultCall, propKey } from './code.js';
import type { EmitContext } from './context.js';
import { CodegenError } from './errors.js';
import { isAnnotation } from './keywords.js';
import { child, deref, isRecord, isRef } from './pointer.js';
import { schemaToZod } from './schema-to-zod.js';
import { arrayCode } from './zod-object.js';
import { numberCode } from './zod-scalars.js';

export interface ParamRef {
  param: unknown;
  pointer: string;
}

const PARAM_KEYS = new Set([
  'name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue',
  'style', 'explode', 'allowReserved', 'schema', 'example', 'examples',
]);
const STYLES: Record<string, string> = { path: 'simple', query: 'form', header: 'simple' };
const STRING_BOOL = "z.stringbool({ truthy: ['true'], falsy: ['false'] })";

/** Coercing code for a parameter schema; `split` names the runtime helper for arrays. */
function coercedCode(schema: unknown, pointer: string, ctx: EmitContext, split: string): string {
  // Resolve a top-level $ref so that a referenced integer/boolean schema is coerced too.
  const { value: s, pointer: at } = isRef(schema) ? deref(ctx.doc, schema, pointer) : { value: schema, pointer };
  // Strings need no coercion: emit the schema as written (keeping a $ref a ref).
  if (!isRecord(s) || s.type === undefined || s.type === 'string') return schemaToZod(schema, pointer, ctx);
  const plain = schemaToZod(s, at, ctx); // also validates every keyword
  if (typeof s.type !== 'string') throw new CodegenError('parameters must have a single type', child(at, 'type'));
  const literalish = s.enum !== undefined || s.const !== undefined;
  switch (s.type) {
    case 'integer':
    case 'number':
      return literalish ? `z.coerce.number().pipe(${plain})` : numberCode(s, at, s.type === 'integer', 'z.coerce.number()');
    case 'boolean':
      return literalish ? `${STRING_BOOL}.pipe(${plain})` : STRING_BOOL;
    case 'array': {
      ctx.runtime.add(split);
      if (s.items === undefined) return `z.preprocess(${split}, ${plain})`;
      const item = coercedCode(s.items, child(at, 'items'), ctx, split);
      return `z.preprocess(${split}, ${arrayCode(s, at, ctx, item)})`;
    }
    default:
      throw new CodegenError(`parameters of type ${String(s.type)} are not supported`, child(at, 'type'));
  }
}

function paramEntry(raw: unknown, pointer: string, ctx: EmitContext) {
  const { value: p, pointer: at } = deref(ctx.doc, raw, pointer);
  for (const key of Object.keys(p)) {
    if (key === 'content') throw new CodegenError('parameters with "content" are not supported', at);
    if (!PARAM_KEYS.has(key) && !isAnnotation(key)) throw new CodegenError(`unsupported parameter keyword "${key}"`, at);
  }
  const { name, in: location, required, style, explode } = p;
  if (typeof name !== 'string' || typeof location !== 'string') {
    throw new CodegenError('a parameter needs string "name" and "in"', at);
  }
  const expected = STYLES[location];
  if (!expected) throw new CodegenError(`parameters in "${location}" are not supported`, at);
  if (style !== undefined && style !== expected) {
    throw new CodegenError(`style "${String(style)}" is not supported for ${location} parameters`, at);
  }
  if (location === 'path' && required !== true) {
    throw new CodegenError('path parameters must be required: true', at);
  }
  // form + explode (the query default) repeats the key; everything else joins with commas.
  const split = location === 'query' && explode !== false ? 'formArray' : 'commaArray';
  let code = p.schema === undefined ? 'z.string()' : coercedCode(p.schema, child(at, 'schema'), ctx, split);
  if (required !== true) {
    const def = isRecord(p.schema) ? p.schema.default : undefined;
    code += def === undefined ? '.optional()' : defaultCall(def);
  }
  const key = location === 'header' ? name.toLowerCase() : name;
  return { key, location, code, pointer: at };
}

type ParamEntry = ReturnType<typeof paramEntry>;

/**
 * Path-item parameters apply to every operation; an operation parameter with the same
 * name and location overrides them.
 */
export function paramEntries(params: ParamRef[], ctx: EmitContext): ParamEntry[] {
  const byKey = new Map<string, ParamEntry>();
  for (const { param, pointer } of params) {
    const entry = paramEntry(param, pointer, ctx);
    byKey.set(`${entry.location}:${entry.key}`, entry);
  }
  return [...byKey.values()];
}

const FACTORY: Record<string, string> = { path: 'z.object', query: 'z.looseObject', header: 'z.looseObject' };

/** The z.object of one location's parameters (loose for query and header). */
export function locationShape(entries: ParamEntry[], location: string): string {
  const fields = entries.filter((e) => e.location === location).map((e) => `${propKey(e.key)}: ${e.code}`);
  return block(`${FACTORY[location] ?? 'z.object'}({`, fields, '})');
}

export function paramsCode(params: ParamRef[], path: string, opPointer: string, ctx: EmitContext): string {
  const entries = paramEntries(params, ctx);
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const declared = entries.filter((e) => e.location === 'path').map((e) => e.key);
  for (const name of templated) {
    if (!declared.includes(name)) throw new CodegenError(`path parameter "${name}" is not declared`, opPointer);
  }
  for (const name of declared) {
    if (!templated.includes(name)) throw new CodegenError(`parameter "${name}" is not in the path ${path}`, opPointer);
  }
  return block('{', ['path', 'query', 'header'].map((l) => `${l}: ${locationShape(entries, l)}`), '}');
}
