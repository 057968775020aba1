// allOf over object schemas is flattened into one object shape (properties merged, required
// unioned) instead of z.intersection: the result is a plain z.object, so it can take part in
// z.discriminatedUnion, have readOnly/writeOnly properties removed per variant, and strip or
// reject unknown keys consistently.
import { CodegenError } from './errors.js';
import { OBJECT_KEYWORDS, REF_SIBLINGS_OK, isAnnotation } from './keywords.js';
import { child, isRecord, lookup, schemaRefName } from './pointer.js';
import { checkRequired, shapeOf, type ObjectShape, type PropertyDef } from './zod-object.js';

const OBJECT_PART_KEYS = new Set([...OBJECT_KEYWORDS, 'type', 'readOnly', 'writeOnly', 'default']);

/** The allOf members of a schema plus its own keywords as one more member (if it has any). */
export function allOfParts(s: Record<string, unknown>, pointer: string): PropertyDef[] {
  const items = s.allOf;
  if (!Array.isArray(items) || items.length === 0) {
    throw new CodegenError('"allOf" must be a non-empty array', child(pointer, 'allOf'));
  }
  const { allOf: _allOf, oneOf: _oneOf, anyOf: _anyOf, discriminator: _d, ...own } = s;
  const parts: PropertyDef[] = [];
  if (Object.keys(own).some((k) => !isAnnotation(k))) parts.push({ schema: own, pointer });
  items.forEach((schema, i) => parts.push({ schema, pointer: child(pointer, 'allOf', i) }));
  return parts;
}

/**
 * The object shape a schema describes, following $refs and nested allOf; null when the schema
 * is not a plain object schema (a union, a scalar, nullable...), in which case callers fall
 * back to z.intersection.
 */
export function objectShapeOf(
  schema: unknown,
  pointer: string,
  doc: unknown,
  seen: ReadonlySet<string> = new Set(),
): ObjectShape | null {
  if (!isRecord(schema)) return null;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    if (!Object.keys(rest).every((k) => REF_SIBLINGS_OK.has(k) || isAnnotation(k))) {
      return mergeObjectParts([{ schema: { $ref }, pointer }, { schema: rest, pointer }], pointer, doc, seen);
    }
    const name = schemaRefName($ref, pointer);
    const target = child('#/components/schemas', name);
    if (seen.has(target)) throw new CodegenError(`allOf cycle through "${name}"`, pointer);
    const resolved = lookup(doc, target);
    if (resolved === undefined) throw new CodegenError(`$ref "${$ref}" does not resolve`, pointer);
    return objectShapeOf(resolved, target, doc, new Set([...seen, target]));
  }
  if (schema.allOf !== undefined) {
    if (schema.oneOf !== undefined || schema.anyOf !== undefined) return null;
    return mergeObjectParts(allOfParts(schema, pointer), pointer, doc, seen);
  }
  if (schema.type !== undefined && schema.type !== 'object') return null;
  if (!Object.keys(schema).every((k) => OBJECT_PART_KEYS.has(k) || isAnnotation(k))) return null;
  return shapeOf(schema, pointer);
}

function mergeAdditional(a: ObjectShape['additional'], b: ObjectShape['additional'], pointer: string) {
  // Strictest wins: a closed part closes the merged object (the usual intent of writing
  // additionalProperties: false on a base), an open one opens it.
  if (a === undefined) return b;
  if (b === undefined || a === false) return a;
  if (b === false) return b;
  if (a === true) return b;
  if (b === true) return a;
  if (JSON.stringify(a.schema) !== JSON.stringify(b.schema)) {
    throw new CodegenError('allOf members declare different additionalProperties schemas', pointer);
  }
  return a;
}

/** Merges object parts; null when any part is not an object schema. */
export function mergeObjectParts(
  parts: PropertyDef[],
  pointer: string,
  doc: unknown,
  seen: ReadonlySet<string> = new Set(),
): ObjectShape | null {
  const merged: ObjectShape = { pointer, properties: new Map(), required: new Set(), additional: undefined };
  for (const part of parts) {
    const shape = objectShapeOf(part.schema, part.pointer, doc, seen);
    if (!shape) return null;
    // A later part redefining a property replaces it (zod .extend semantics), which is what
    // specs mean when a derived schema narrows e.g. `type: string` to `const: limit`.
    for (const [name, prop] of shape.properties) merged.properties.set(name, prop);
    for (const r of shape.required) merged.required.add(r);
    merged.additional = mergeAdditional(merged.additional, shape.additional, part.pointer);
  }
  checkRequired(merged);
  return merged;
}
