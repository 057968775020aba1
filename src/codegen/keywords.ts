// Which schema keywords the generator understands. Anything not listed here fails generation
// (with the JSON pointer), so a new keyword in the spec forces a conscious decision instead of
// a silently permissive validator.

/** Pure documentation: they never change what validates. `x-*` extensions are also ignored. */
export const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'deprecated',
  'externalDocs',
  'xml',
  '$comment',
]);

/** Keywords the emitters act on, grouped by the JSON type they constrain. */
export const STRING_KEYWORDS = new Set(['minLength', 'maxLength', 'pattern', 'format']);
export const NUMBER_KEYWORDS = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'format',
]);
export const ARRAY_KEYWORDS = new Set(['items', 'minItems', 'maxItems', 'uniqueItems']);
export const OBJECT_KEYWORDS = new Set(['properties', 'required', 'additionalProperties']);
export const GENERIC_KEYWORDS = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'oneOf',
  'anyOf',
  'allOf',
  'discriminator',
  'readOnly',
  'writeOnly',
  'default',
]);

/** Keywords that only decorate a $ref (3.1 allows siblings); they don't need an allOf wrapper. */
export const REF_SIBLINGS_OK = new Set(['$ref', 'readOnly', 'writeOnly', 'default', ...ANNOTATIONS]);

/** Formats with a zod validator. Integer formats are handled by the number emitter. */
export const STRING_FORMATS: Record<string, string> = {
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
  uri: 'z.url()',
  url: 'z.url()',
  email: 'z.email()',
  uuid: 'z.uuid()',
};

/**
 * Formats treated as annotations on purpose: `decimal` (a money string whose shape the spec
 * gives with `pattern`), float/double (all JSON numbers are doubles), int64 (JS numbers are
 * limited to safe integers anyway), password (a UI hint). Any other format fails generation.
 */
export const IGNORED_FORMATS = new Set(['decimal', 'float', 'double', 'int64', 'password']);

export function isAnnotation(key: string): boolean {
  return ANNOTATIONS.has(key) || key.startsWith('x-');
}

export const ALL_KNOWN = new Set([
  ...ANNOTATIONS,
  ...STRING_KEYWORDS,
  ...NUMBER_KEYWORDS,
  ...ARRAY_KEYWORDS,
  ...OBJECT_KEYWORDS,
  ...GENERIC_KEYWORDS,
]);
