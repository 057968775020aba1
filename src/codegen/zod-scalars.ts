// Emitters for leaf schemas: strings, numbers, enums and consts.
import { literal, list, regex, str } from './code.js';
import { CodegenError } from './errors.js';
import { IGNORED_FORMATS, STRING_FORMATS } from './keywords.js';
import { child } from './pointer.js';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';
type Schema = Record<string, unknown>;

function nonNegativeInt(s: Schema, key: string, pointer: string): number | undefined {
  const v = s[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new CodegenError(`"${key}" must be a non-negative integer`, child(pointer, key));
  }
  return v;
}

export function stringCode(s: Schema, pointer: string): string {
  const format = s.format;
  let code = 'z.string()';
  if (format !== undefined) {
    if (typeof format !== 'string') throw new CodegenError('"format" must be a string', pointer);
    const known = STRING_FORMATS[format];
    if (known) code = known;
    else if (!IGNORED_FORMATS.has(format)) {
      throw new CodegenError(`unsupported format "${format}"`, child(pointer, 'format'));
    }
  }
  const min = nonNegativeInt(s, 'minLength', pointer);
  const max = nonNegativeInt(s, 'maxLength', pointer);
  if (min !== undefined) code += `.min(${min})`;
  if (max !== undefined) code += `.max(${max})`;
  if (s.pattern !== undefined) {
    const p = s.pattern;
    const at = child(pointer, 'pattern');
    if (typeof p !== 'string') throw new CodegenError('"pattern" must be a string', at);
    try {
      new RegExp(p);
    } catch (err) {
      throw new CodegenError(`invalid pattern: ${(err as Error).message}`, at);
    }
    code += `.regex(${regex(p)})`;
  }
  return code;
}

/** `base` lets parameters swap in `z.coerce.number()`; the checks stay the same. */
export function numberCode(s: Schema, pointer: string, integer: boolean, base = 'z.number()'): string {
  let code = base;
  const format = s.format;
  if (integer) code += format === 'int32' ? '.int().gte(-2147483648).lte(2147483647)' : '.int()';
  if (format !== undefined && !(integer && format === 'int32')) {
    if (typeof format !== 'string' || !IGNORED_FORMATS.has(format)) {
      throw new CodegenError(`unsupported format ${JSON.stringify(format)}`, child(pointer, 'format'));
    }
  }
  const checks: Array<[string, string]> = [
    ['minimum', 'gte'],
    ['exclusiveMinimum', 'gt'],
    ['maximum', 'lte'],
    ['exclusiveMaximum', 'lt'],
    ['multipleOf', 'multipleOf'],
  ];
  for (const [key, method] of checks) {
    const v = s[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      // Boolean exclusiveMinimum/Maximum is the OpenAPI 3.0 form; 3.1 takes the bound itself.
      throw new CodegenError(`"${key}" must be a number (OpenAPI 3.1 form)`, child(pointer, key));
    }
    if (key === 'multipleOf' && v <= 0) {
      throw new CodegenError('"multipleOf" must be greater than 0', child(pointer, key));
    }
    code += `.${method}(${v})`;
  }
  return code;
}

function typeOf(value: unknown): JsonType[] {
  if (value === null) return ['null'];
  if (typeof value === 'string') return ['string'];
  if (typeof value === 'boolean') return ['boolean'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
  return Array.isArray(value) ? ['array'] : ['object'];
}

function checkPrimitive(value: unknown, types: JsonType[] | undefined, at: string): void {
  const t = typeOf(value);
  if (t[0] === 'object' || t[0] === 'array') {
    throw new CodegenError('object and array values in enum/const are not supported', at);
  }
  if (types && !t.some((x) => types.includes(x))) {
    throw new CodegenError(`value ${JSON.stringify(value)} does not match type ${types.join('|')}`, at);
  }
}

/** Strings become `z.enum`; other literals `z.literal([...])`; a null member makes it nullable. */
export function enumCode(values: unknown, types: JsonType[] | undefined, pointer: string): string {
  const at = child(pointer, 'enum');
  if (!Array.isArray(values) || values.length === 0) {
    throw new CodegenError('"enum" must be a non-empty array', at);
  }
  values.forEach((v, i) => checkPrimitive(v, types, child(at, i)));
  const hasNull = values.includes(null);
  if (types?.includes('null') && !hasNull) {
    // JSON Schema would reject null here (enum fails), which is rarely what the author meant.
    throw new CodegenError('type allows null but enum does not list null; add null to enum', at);
  }
  const rest = [...new Set(values.filter((v) => v !== null))];
  if (rest.length === 0) return 'z.null()';
  const code = rest.every((v) => typeof v === 'string')
    ? `z.enum(${list('[', rest.map((v) => str(v as string)), ']')})`
    : rest.length === 1
      ? `z.literal(${literal(rest[0])})`
      : `z.literal(${list('[', rest.map(literal), ']')})`;
  return hasNull ? `${code}.nullable()` : code;
}

export function constCode(value: unknown, types: JsonType[] | undefined, pointer: string): string {
  checkPrimitive(value, types, child(pointer, 'const'));
  return value === null ? 'z.null()' : `z.literal(${literal(value)})`;
}
