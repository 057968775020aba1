// Emitters for objects and arrays. Objects go through a normalised ObjectShape so that plain
// object schemas and flattened allOf compositions share one code path.
import { block, defaultCall, propKey } from './code.js';
import type { EmitContext } from './context.js';
import { CodegenError } from './errors.js';
import { child, deref, isRecord } from './pointer.js';
import { schemaToZod } from './schema-to-zod.js';

export interface PropertyDef {
  schema: unknown;
  pointer: string;
}

export interface ObjectShape {
  pointer: string;
  properties: Map<string, PropertyDef>;
  required: Set<string>;
  /** undefined = keyword absent; true/false; or the schema for extra keys. */
  additional: undefined | boolean | PropertyDef;
}

/** Reads properties/required/additionalProperties of one object schema (no composition). */
export function shapeOf(s: Record<string, unknown>, pointer: string): ObjectShape {
  const shape: ObjectShape = { pointer, properties: new Map(), required: new Set(), additional: undefined };
  if (s.properties !== undefined) {
    if (!isRecord(s.properties)) throw new CodegenError('"properties" must be an object', pointer);
    for (const [name, schema] of Object.entries(s.properties)) {
      shape.properties.set(name, { schema, pointer: child(pointer, 'properties', name) });
    }
  }
  if (s.required !== undefined) {
    const req = s.required;
    if (!Array.isArray(req) || !req.every((r) => typeof r === 'string')) {
      throw new CodegenError('"required" must be an array of strings', child(pointer, 'required'));
    }
    for (const r of req) shape.required.add(r);
  }
  const ap = s.additionalProperties;
  if (typeof ap === 'boolean') shape.additional = ap;
  else if (ap !== undefined) shape.additional = { schema: ap, pointer: child(pointer, 'additionalProperties') };
  return shape;
}

/** Rejects `required` names that no property declares: almost always a typo in the spec. */
export function checkRequired(shape: ObjectShape): void {
  for (const r of shape.required) {
    if (!shape.properties.has(r)) {
      throw new CodegenError(`required property "${r}" is not declared in properties`, shape.pointer);
    }
  }
}

/** readOnly/writeOnly of a property: on the property itself, or on the component it refs. */
export function accessOf(prop: PropertyDef, doc: unknown): { readOnly: boolean; writeOnly: boolean } {
  const s = prop.schema;
  if (!isRecord(s)) return { readOnly: false, writeOnly: false };
  const ownAccess = s.readOnly !== undefined || s.writeOnly !== undefined;
  const target: Record<string, unknown> = typeof s.$ref === 'string' && !ownAccess ? deref(doc, s, prop.pointer).value : s;
  return { readOnly: target.readOnly === true, writeOnly: target.writeOnly === true };
}

/** The properties present in the current mode (request drops readOnly, response writeOnly). */
export function visibleProperties(shape: ObjectShape, ctx: EmitContext): Array<[string, PropertyDef]> {
  return [...shape.properties].filter(([, prop]) => {
    const access = accessOf(prop, ctx.doc);
    if (ctx.mode === 'request') return !access.readOnly;
    if (ctx.mode === 'response') return !access.writeOnly;
    return true;
  });
}

function propertyCode(name: string, prop: PropertyDef, required: boolean, ctx: EmitContext): string {
  const refs = new Set<string>();
  const sub: EmitContext = { ...ctx, inProperty: true, collectors: [...ctx.collectors, refs] };
  let code = schemaToZod(prop.schema, prop.pointer, sub);
  if (!required) {
    const def = isRecord(prop.schema) ? prop.schema.default : undefined;
    // Defaults only fill in requests; a default on a required property would loosen validation.
    if (def !== undefined && ctx.mode !== 'response') {
      code += defaultCall(def);
    } else {
      code += '.optional()';
    }
  }
  // A getter defers evaluation, which is how zod 4 expresses references to schemas that are
  // defined later in the file (recursion, or cycles between components).
  if ([...refs].some((id) => ctx.pending.has(id))) {
    return `get ${propKey(name)}() {\n  return ${code.replace(/\n/g, '\n  ')};\n}`;
  }
  return `${propKey(name)}: ${code}`;
}

function additionalCode(ap: PropertyDef, ctx: EmitContext): string {
  return schemaToZod(ap.schema, ap.pointer, ctx);
}

export function objectCode(shape: ObjectShape, ctx: EmitContext): string {
  const ap = shape.additional;
  if (shape.properties.size === 0) {
    // No declared properties means a free-form map; z.object({}) would strip every key.
    if (ap === false) return 'z.strictObject({})';
    if (ap === undefined || ap === true) return 'z.record(z.string(), z.unknown())';
    return `z.record(z.string(), ${additionalCode(ap, ctx)})`;
  }
  const entries = visibleProperties(shape, ctx).map(([name, prop]) =>
    propertyCode(name, prop, shape.required.has(name), ctx),
  );
  // Project policy: absent additionalProperties strips unknown keys (z.object); false rejects
  // them; true keeps them; a schema validates them.
  if (ap === false) return block('z.strictObject({', entries, '})');
  if (ap === true) return block('z.looseObject({', entries, '})');
  const code = block('z.object({', entries, '})');
  return ap === undefined ? code : `${code}.catchall(${additionalCode(ap, ctx)})`;
}

/** `itemCode` lets parameters substitute coercing item schemas. */
export function arrayCode(
  s: Record<string, unknown>,
  pointer: string,
  ctx: EmitContext,
  itemCode?: string,
): string {
  if (s.items === false || Array.isArray(s.items)) {
    throw new CodegenError('"items" must be a schema (tuple forms are not supported)', pointer);
  }
  const items = s.items === undefined ? 'z.unknown()' : schemaToZod(s.items, child(pointer, 'items'), ctx);
  let code = `z.array(${itemCode ?? items})`;
  for (const [key, method] of [['minItems', 'min'], ['maxItems', 'max']] as const) {
    const v = s[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new CodegenError(`"${key}" must be a non-negative integer`, child(pointer, key));
    }
    code += `.${method}(${v})`;
  }
  if (s.uniqueItems === true) {
    ctx.runtime.add('hasUniqueItems');
    code += `.refine(hasUniqueItems, { message: 'items must be unique' })`;
  } else if (s.uniqueItems !== undefined && s.uniqueItems !== false) {
    throw new CodegenError('"uniqueItems" must be a boolean', child(pointer, 'uniqueItems'));
  }
  return code;
}

