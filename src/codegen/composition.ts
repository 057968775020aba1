// allOf / oneOf / anyOf.
import { list } from './code.js';
import type { EmitContext } from './context.js';
import { discriminatedCode } from './discriminator.js';
import { CodegenError } from './errors.js';
import { allOfParts, mergeObjectParts } from './all-of.js';
import { child, isRecord } from './pointer.js';
import { hasConstraints, schemaToZod } from './schema-to-zod.js';
import { objectCode, type PropertyDef } from './zod-object.js';

/** All parts must hold: one merged object when they are all objects, else z.intersection. */
export function intersectParts(parts: PropertyDef[], pointer: string, ctx: EmitContext): string {
  // Annotation-only members (`allOf: [{$ref: X}, {description: ...}]`) add nothing.
  const meaningful = parts.filter((p) => p.schema !== true && !(isRecord(p.schema) && !hasConstraints(p.schema)));
  const [first] = meaningful;
  if (!first) return 'z.unknown()';
  if (meaningful.length === 1) return schemaToZod(first.schema, first.pointer, ctx);
  const shape = mergeObjectParts(meaningful, pointer, ctx.doc);
  if (shape) return objectCode(shape, ctx);
  return meaningful
    .map((p) => schemaToZod(p.schema, p.pointer, ctx))
    .reduce((a, b) => `z.intersection(${a}, ${b})`);
}

export function allOfCode(s: Record<string, unknown>, pointer: string, ctx: EmitContext): string {
  return intersectParts(allOfParts(s, pointer), pointer, ctx);
}

/**
 * oneOf and anyOf both become z.union (zod unions take the first match; exclusivity of oneOf
 * is not enforced). With a discriminator, z.discriminatedUnion.
 */
export function unionCode(
  s: Record<string, unknown>,
  key: 'oneOf' | 'anyOf',
  pointer: string,
  ctx: EmitContext,
): string {
  const members = s[key];
  const at = child(pointer, key);
  if (!Array.isArray(members) || members.length === 0) {
    throw new CodegenError(`"${key}" must be a non-empty array`, at);
  }
  const discriminatorHere = key === 'oneOf' || s.oneOf === undefined;
  if (s.discriminator !== undefined && discriminatorHere) {
    return discriminatedCode(s, members, key, pointer, ctx);
  }
  const codes = members.map((m, i) => schemaToZod(m, child(at, i), ctx));
  if (codes.length === 1) return codes[0] as string;
  // The 3.1 spelling of "nullable ref" is oneOf: [$ref, {type: 'null'}]; say it the zod way.
  const nonNull = codes.filter((c) => c !== 'z.null()');
  if (codes.length === 2 && nonNull.length === 1) return `${nonNull[0] as string}.nullable()`;
  return `z.union(${list('[', codes, ']')})`;
}
