// oneOf/anyOf + discriminator -> z.discriminatedUnion. zod needs every member to be an object
// whose discriminator property is a literal (or enum); when a member leaves the property as a
// plain string, the value comes from `mapping` (or, per OpenAPI, the component name) and is
// pinned with `.extend(...)` so zod can dispatch on it.
import { list, literal, propKey, str } from './code.js';
import type { EmitContext } from './context.js';
import { CodegenError } from './errors.js';
import { objectShapeOf } from './all-of.js';
import { child, deref, isRecord, isRef, schemaRefName } from './pointer.js';
import { schemaToZod } from './schema-to-zod.js';
import { accessOf } from './zod-object.js';

function readDiscriminator(s: Record<string, unknown>, pointer: string) {
  const d = s.discriminator;
  const at = child(pointer, 'discriminator');
  if (!isRecord(d) || typeof d.propertyName !== 'string') {
    throw new CodegenError('"discriminator.propertyName" must be a string', at);
  }
  for (const key of Object.keys(d)) {
    if (key !== 'propertyName' && key !== 'mapping' && !key.startsWith('x-')) {
      throw new CodegenError(`unsupported discriminator keyword "${key}"`, at);
    }
  }
  const mapping = new Map<string, string>();
  if (d.mapping !== undefined) {
    if (!isRecord(d.mapping)) throw new CodegenError('"mapping" must be an object', child(at, 'mapping'));
    for (const [value, target] of Object.entries(d.mapping)) {
      if (typeof target !== 'string') throw new CodegenError('mapping values must be strings', child(at, 'mapping', value));
      // A mapping value is a ref or a bare component name; normalise to the component name.
      mapping.set(value, target.startsWith('#') ? schemaRefName(target, child(at, 'mapping', value)) : target);
    }
  }
  return { propertyName: d.propertyName, mapping, at };
}

/** Literal values a property schema allows (const or enum), or null when it is open. */
function literalValues(schema: unknown, pointer: string, doc: unknown): unknown[] | null {
  if (!isRecord(schema)) return null;
  const s = isRef(schema) ? deref(doc, schema, pointer).value : schema;
  if (s.const !== undefined) return [s.const];
  if (Array.isArray(s.enum)) return s.enum;
  return null;
}

export function discriminatedCode(
  s: Record<string, unknown>,
  members: unknown[],
  key: string,
  pointer: string,
  ctx: EmitContext,
): string {
  const { propertyName, mapping, at } = readDiscriminator(s, pointer);
  const used = new Map<unknown, string>();
  const memberNames = new Set<string>();
  const codes = members.map((member, i) => {
    const mp = child(pointer, key, i);
    const name = isRef(member) ? schemaRefName(member.$ref, mp) : undefined;
    if (name) memberNames.add(name);
    const shape = objectShapeOf(member, mp, ctx.doc);
    if (!shape) throw new CodegenError('discriminator members must be object schemas', mp);
    const prop = shape.properties.get(propertyName);
    if (!prop || !shape.required.has(propertyName)) {
      throw new CodegenError(`discriminator property "${propertyName}" must be a required property`, shape.pointer);
    }
    const access = accessOf(prop, ctx.doc);
    if ((ctx.mode === 'request' && access.readOnly) || (ctx.mode === 'response' && access.writeOnly)) {
      throw new CodegenError('the discriminator property cannot be readOnly/writeOnly', prop.pointer);
    }
    const mapped = [...mapping].filter(([, target]) => target === name).map(([value]) => value);
    const own = literalValues(prop.schema, prop.pointer, ctx.doc);
    let code = schemaToZod(member, mp, ctx);
    let values: unknown[];
    if (own) {
      const missing = mapped.filter((v) => !own.includes(v));
      if (missing.length > 0) {
        throw new CodegenError(`mapping value(s) ${missing.join(', ')} not allowed by the member's "${propertyName}"`, at);
      }
      values = own;
    } else {
      if (mapped.length === 0 && !name) {
        throw new CodegenError(`inline member needs a const/enum "${propertyName}" or a mapping`, mp);
      }
      values = mapped.length > 0 ? mapped : [name];
      const lit = values.length === 1 ? literal(values[0]) : list('[', values.map(literal), ']');
      code += `.extend({ ${propKey(propertyName)}: z.literal(${lit}) })`;
    }
    for (const v of values) {
      const previous = used.get(v);
      if (previous !== undefined) {
        throw new CodegenError(`discriminator value ${JSON.stringify(v)} is used by ${previous} and ${mp}`, at);
      }
      used.set(v, mp);
    }
    return code;
  });
  for (const [value, target] of mapping) {
    if (!memberNames.has(target)) {
      throw new CodegenError(`mapping "${value}" targets "${target}", which is not a ${key} member`, at);
    }
  }
  return `z.discriminatedUnion(${str(propertyName)}, ${list('[', codes, ']')})`;
}
