// The core emitter: one JSON Schema (OpenAPI 3.1 dialect) -> one zod 4 expression.
import { list } from './code.js';
import { allOfCode, intersectParts, unionCode } from './composition.js';
import { refCode, type EmitContext } from './context.js';
import { CodegenError } from './errors.js';
import {
  ALL_KNOWN,
  ARRAY_KEYWORDS,
  NUMBER_KEYWORDS,
  OBJECT_KEYWORDS,
  REF_SIBLINGS_OK,
  STRING_KEYWORDS,
  isAnnotation,
} from './keywords.js';
import { child, isRecord, schemaRefName } from './pointer.js';
import { arrayCode, checkRequired, objectCode, shapeOf } from './zod-object.js';
import { constCode, enumCode, numberCode, stringCode, type JsonType } from './zod-scalars.js';

const JSON_TYPES = new Set<JsonType>(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);

/** Keywords that say nothing about validation in the type-based part of a schema. */
const META = new Set(['readOnly', 'writeOnly', 'default', 'discriminator']);

function checkKeywords(s: Record<string, unknown>, pointer: string): void {
  for (const key of Object.keys(s)) {
    if (key === 'nullable') {
      throw new CodegenError('"nullable" is OpenAPI 3.0; use type: [T, "null"] instead', child(pointer, key));
    }
    if (!ALL_KNOWN.has(key) && !isAnnotation(key)) {
      throw new CodegenError(`unsupported keyword "${key}"`, pointer);
    }
  }
}

function declaredTypes(s: Record<string, unknown>, pointer: string): JsonType[] | undefined {
  if (s.type === undefined) return undefined;
  const raw = Array.isArray(s.type) ? s.type : [s.type];
  if (raw.length === 0 || !raw.every((t) => JSON_TYPES.has(t as JsonType))) {
    throw new CodegenError(`invalid type ${JSON.stringify(s.type)}`, child(pointer, 'type'));
  }
  return raw as JsonType[];
}

/** Which JSON types a keyword constrains, so misplaced keywords are caught. */
function keywordTypes(key: string): JsonType[] {
  if (key === 'format') return ['string', 'number', 'integer'];
  if (STRING_KEYWORDS.has(key)) return ['string'];
  if (NUMBER_KEYWORDS.has(key)) return ['number', 'integer'];
  if (ARRAY_KEYWORDS.has(key)) return ['array'];
  if (OBJECT_KEYWORDS.has(key)) return ['object'];
  return [];
}

/**
 * The types to emit: the declared ones, or the one implied by type-specific keywords
 * (`{properties: ...}` is an object). Undefined when nothing constrains the type.
 */
function effectiveTypes(s: Record<string, unknown>, pointer: string): JsonType[] | undefined {
  const declared = declaredTypes(s, pointer);
  const implied = new Set<JsonType>();
  for (const key of Object.keys(s)) {
    const kt = keywordTypes(key);
    if (kt.length === 0) continue;
    if (declared && !kt.some((t) => declared.includes(t))) {
      throw new CodegenError(`keyword "${key}" does not apply to type ${declared.join('|')}`, pointer);
    }
    implied.add(kt[0] as JsonType);
  }
  if (declared) return declared;
  if (implied.size > 1) {
    throw new CodegenError(`keywords for several types without "type": ${[...implied].join(', ')}`, pointer);
  }
  return implied.size === 1 ? [...implied] : undefined;
}

function typeCode(t: JsonType, s: Record<string, unknown>, pointer: string, ctx: EmitContext): string {
  switch (t) {
    case 'string':
      return stringCode(s, pointer);
    case 'number':
    case 'integer':
      return numberCode(s, pointer, t === 'integer');
    case 'boolean':
      return 'z.boolean()';
    case 'null':
      return 'z.null()';
    case 'array':
      return arrayCode(s, pointer, ctx);
    case 'object': {
      const shape = shapeOf(s, pointer);
      checkRequired(shape);
      return objectCode(shape, ctx);
    }
  }
}

/** The part of a schema described by type, enum, const and the type-specific keywords. */
export function typedCode(s: Record<string, unknown>, pointer: string, ctx: EmitContext): string {
  const types = effectiveTypes(s, pointer);
  if (s.const !== undefined) return constCode(s.const, types, pointer);
  if (s.enum !== undefined) return enumCode(s.enum, types, pointer);
  if (!types) return 'z.unknown()';
  // integer is a subset of number, so a [number, integer] union is just number.
  const nonNull = types.filter((t) => t !== 'null' && !(t === 'integer' && types.includes('number')));
  const codes = nonNull.map((t) => typeCode(t, s, pointer, ctx));
  if (codes.length === 0) return 'z.null()';
  const code = codes.length === 1 ? (codes[0] as string) : `z.union(${list('[', codes, ']')})`;
  return types.includes('null') ? `${code}.nullable()` : code;
}

/** True when a schema has keywords beyond annotations and the given exclusions. */
export function hasConstraints(s: Record<string, unknown>, exclude: Set<string> = new Set()): boolean {
  return Object.keys(s).some((k) => !isAnnotation(k) && !META.has(k) && !exclude.has(k));
}

export function schemaToZod(schema: unknown, pointer: string, ctx: EmitContext): string {
  if (schema === true) return 'z.unknown()';
  if (schema === false) return 'z.never()';
  if (!isRecord(schema)) throw new CodegenError('a schema must be an object or a boolean', pointer);
  checkKeywords(schema, pointer);

  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    if (Object.keys(rest).every((k) => REF_SIBLINGS_OK.has(k) || isAnnotation(k))) {
      return refCode(ctx, schemaRefName($ref, pointer), pointer);
    }
    // 3.1 lets validation keywords sit next to $ref; they apply in addition, like allOf.
    return intersectParts([{ schema: { $ref }, pointer }, { schema: rest, pointer }], pointer, ctx);
  }
  if (schema.$ref !== undefined) throw new CodegenError('"$ref" must be a string', pointer);
  if (schema.discriminator !== undefined && schema.oneOf === undefined && schema.anyOf === undefined) {
    throw new CodegenError('"discriminator" is only supported next to oneOf/anyOf', pointer);
  }

  const parts: string[] = [];
  const hasUnion = schema.oneOf !== undefined || schema.anyOf !== undefined;
  if (schema.allOf !== undefined) {
    parts.push(allOfCode(schema, pointer, ctx));
  } else {
    // With a union present, a bare `type: object` adds nothing the members don't already say.
    const ownKeys = Object.keys(schema).filter((k) => !isAnnotation(k) && !META.has(k));
    const onlyType = ownKeys.every((k) => k === 'type' || k === 'oneOf' || k === 'anyOf');
    if (!hasUnion || !onlyType) {
      parts.push(typedCode(schema, pointer, ctx));
    }
  }
  if (schema.oneOf !== undefined) parts.push(unionCode(schema, 'oneOf', pointer, ctx));
  if (schema.anyOf !== undefined) parts.push(unionCode(schema, 'anyOf', pointer, ctx));
  return parts.reduce((a, b) => `z.intersection(${a}, ${b})`);
}
