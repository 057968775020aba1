// Invalid requests derived from an operation's own schemas: the generated zod schemas are turned
// into JSON Schema (z.toJSONSchema) and each field's type, enum, bounds and pattern give the ways
// to break it. Every variant is checked against the zod schema before it is used, so only inputs
// the spec really forbids are sent. Choices among equivalent variants come from a seeded
// generator, so a run with the same --seed sends the same requests.
import { z } from 'zod';
import type { OperationDef } from '../../../../rules/runtime.js';
import { bodyTextOf, type OperationCall } from './operation-inputs.js';
import type { SeededRandom } from './seeded-random.js';

export type VariantKind = 'missing-required' | 'wrong-type' | 'unknown-enum' | 'out-of-range' | 'unknown-field' | 'malformed-json' | 'non-numeric' | 'bad-format';

export interface InvalidVariant {
  kind: VariantKind;
  location: 'body' | 'query' | 'path';
  /** What is wrong, for messages: "body 'quantity' = 0". */
  label: string;
  call: OperationCall;
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

const UNKNOWN_ENUM = 'nx-not-a-valid-value';
const RAW = '"__nx_raw_number__"';

function jsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function typesOf(s: JsonSchema): Set<string> {
  const out = new Set<string>();
  const add = (t: string) => out.add(t === 'integer' ? 'number' : t);
  if (typeof s.type === 'string') add(s.type);
  if (Array.isArray(s.type)) s.type.forEach(add);
  if (s.const !== undefined) add(s.const === null ? 'null' : typeof s.const);
  for (const v of s.enum ?? []) add(v === null ? 'null' : typeof v);
  for (const member of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) typesOf(member).forEach(add);
  return out;
}

/** The numeric member of a schema (itself, or the number branch of `number | null`). */
function numericPart(s: JsonSchema): JsonSchema | undefined {
  if (s.type === 'number' || s.type === 'integer') return s;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].find((m) => m.type === 'number' || m.type === 'integer');
}

function stringPart(s: JsonSchema): JsonSchema | undefined {
  if (s.type === 'string') return s;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].find((m) => m.type === 'string');
}

function wrongTypeValue(s: JsonSchema): unknown {
  const types = typesOf(s);
  const candidates: Array<[string, unknown]> = [
    ['number', 12345],
    ['string', 'not-a-number'],
    ['boolean', true],
    ['array', ['x']],
    ['object', { x: 1 }],
  ];
  return candidates.find(([t]) => !types.has(t))?.[1];
}

/** The object schema the base body is an instance of (the matching oneOf branch for unions). */
function bodyBranch(schema: JsonSchema, body: Record<string, unknown>): JsonSchema | undefined {
  if (schema.properties) return schema;
  return [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].find(
    (b) =>
      b.properties !== undefined &&
      (b.required ?? []).every((r) => r in body) &&
      Object.entries(b.properties).every(([k, p]) => p.const === undefined || body[k] === p.const),
  );
}

function typo(name: string, taken: Set<string>): string {
  const squeezed = (name[0] ?? '') + name.slice(1).replace(/[aeiou]/g, '');
  return squeezed !== name && !taken.has(squeezed) ? squeezed : `${name}_`;
}

const withRaw = (body: Record<string, unknown>, key: string, raw: string): string =>
  JSON.stringify({ ...body, [key]: '__nx_raw_number__' }).replace(RAW, raw);

function numericRange(s: JsonSchema): Array<{ shown: string; why: string; text?: string; value?: unknown }> {
  const out: Array<{ shown: string; why: string; text?: string; value?: unknown }> = [];
  if (s.exclusiveMinimum !== undefined) out.push({ shown: String(s.exclusiveMinimum), why: `must be > ${s.exclusiveMinimum}`, value: s.exclusiveMinimum });
  else if (s.minimum !== undefined) out.push({ shown: String(s.minimum - 1), why: `below the minimum ${s.minimum}`, value: s.minimum - 1 });
  const lower = s.exclusiveMinimum ?? s.minimum;
  if (lower !== undefined && lower >= 0) out.push({ shown: '-1', why: 'negative', value: -1 });
  out.push({ shown: '1e400', why: 'beyond any double', text: '1e400' });
  if (s.maximum !== undefined) out.push({ shown: String(s.maximum + 1), why: `above the maximum ${s.maximum}`, value: s.maximum + 1 });
  return out;
}

/** Invalid bodies for one operation, from a valid base body. */
function bodyVariants(op: OperationDef, base: OperationCall, rng: SeededRandom): InvalidVariant[] {
  if (!op.requestBody || base.body === null || typeof base.body !== 'object' || Array.isArray(base.body)) return [];
  const body = base.body as Record<string, unknown>;
  const branch = bodyBranch(jsonSchema(op.requestBody.schema), body);
  if (!branch?.properties) return [];
  const props = branch.properties;
  const names = Object.keys(props);
  const present = names.filter((n) => n in body);
  const make = (kind: VariantKind, label: string, text: string): InvalidVariant => ({ kind, location: 'body', label, call: { ...base, body: undefined, bodyText: text } });
  const groups: InvalidVariant[][] = [];

  groups.push(rng.sample((branch.required ?? []).map((r) => {
    const { [r]: _dropped, ...rest } = body;
    return make('missing-required', `a body without the required '${r}'`, JSON.stringify(rest));
  }), 1));

  groups.push(rng.sample(present.flatMap((n) => {
    const v = wrongTypeValue(props[n] as JsonSchema);
    return v === undefined ? [] : [make('wrong-type', `'${n}' = ${JSON.stringify(v)} in the body (wrong type)`, JSON.stringify({ ...body, [n]: v }))];
  }), 1));

  groups.push(rng.sample(names.flatMap((n) => {
    const s = props[n] as JsonSchema;
    if (s.enum || s.const !== undefined || stringPart(s)?.enum) return [make('unknown-enum', `'${n}' = "${UNKNOWN_ENUM}" in the body (not one of its values)`, JSON.stringify({ ...body, [n]: UNKNOWN_ENUM }))];
    if (s.items?.enum) return [make('unknown-enum', `'${n}' = ["${UNKNOWN_ENUM}"] in the body (not one of its values)`, JSON.stringify({ ...body, [n]: [UNKNOWN_ENUM] }))];
    return [];
  }), 1));

  // Out of range: every bound of one numeric field (quantity 0, -1, 1e400, …), plus one other bound.
  const numeric = names.filter((n) => numericPart(props[n] as JsonSchema));
  const chosen = rng.pick(numeric.filter((n) => n in body)) ?? rng.pick(numeric);
  const others: InvalidVariant[] = [];
  for (const n of names) {
    const s = props[n] as JsonSchema;
    const num = numericPart(s);
    const variants = num
      ? numericRange(num).map((r) => make('out-of-range', `'${n}' = ${r.shown} in the body (${r.why})`, r.text ? withRaw(body, n, r.text) : JSON.stringify({ ...body, [n]: r.value })))
      : [];
    const str = stringPart(s);
    if (str?.maxLength !== undefined) variants.push(make('out-of-range', `'${n}' of ${str.maxLength + 1} characters in the body (longer than ${str.maxLength})`, JSON.stringify({ ...body, [n]: 'x'.repeat(str.maxLength + 1) })));
    if (s.type === 'array' && (s.minItems ?? 0) > 0) variants.push(make('out-of-range', `'${n}' = [] in the body (needs at least ${s.minItems} item)`, JSON.stringify({ ...body, [n]: [] })));
    if (n === chosen) groups.push(variants.filter((v) => v.kind === 'out-of-range' && num !== undefined).slice(0, 4));
    else others.push(...variants);
  }
  groups.push(rng.sample(others, 1));

  if (branch.additionalProperties === false) {
    const target = rng.pick(present) ?? 'field';
    const name = typo(target, new Set(names));
    groups.push([make('unknown-field', `a body with the unknown field '${name}' (a typo of '${target}')`, JSON.stringify({ ...body, [name]: body[target] ?? 1 }))]);
  }
  const text = JSON.stringify(body);
  groups.push([make('malformed-json', `a body cut short (malformed JSON: ${text.slice(0, 24)}…)`, text.slice(0, -1))]);
  return groups.flat();
}

/** Invalid query and path parameters for one operation, from a valid base request. */
function paramVariants(op: OperationDef, base: OperationCall, rng: SeededRandom): InvalidVariant[] {
  const out: InvalidVariant[] = [];
  for (const location of ['path', 'query'] as const) {
    const props = jsonSchema(op.params[location]).properties ?? {};
    for (const [name, s] of Object.entries(props)) {
      const values: Array<{ kind: VariantKind; value: string; why: string }> = [];
      const num = numericPart(s);
      if (num) {
        values.push({ kind: 'non-numeric', value: 'abc', why: 'not a number' });
        const range: Array<{ kind: VariantKind; value: string; why: string }> = [];
        const lower = num.exclusiveMinimum ?? (num.minimum !== undefined ? num.minimum - 1 : undefined);
        if (lower !== undefined) range.push({ kind: 'out-of-range', value: String(lower), why: `below the minimum ${num.minimum ?? `> ${num.exclusiveMinimum}`}` });
        if (num.maximum !== undefined) range.push({ kind: 'out-of-range', value: String(num.maximum + 1), why: `above the maximum ${num.maximum}` });
        if (num.type === 'integer') range.push({ kind: 'wrong-type', value: '1.5', why: 'not an integer' });
        out.push(...rng.sample(range, 1).map((v) => variant(location, name, v)));
      } else if (s.enum || s.items?.enum) {
        values.push({ kind: 'unknown-enum', value: UNKNOWN_ENUM, why: 'not one of its values' });
      } else if (typesOf(s).has('string')) {
        const bad = ['!!', 'x'.repeat((s.maxLength ?? 64) + 1), ''].find((v) => !op.params[location].safeParse({ ...base[location], [name]: v }).success);
        if (bad !== undefined) values.push({ kind: 'bad-format', value: bad, why: bad.length > 3 ? `longer than allowed` : `does not match ${s.pattern ?? 'its format'}` });
      }
      out.push(...values.map((v) => variant(location, name, v)));
    }
  }
  return out.filter((v) => !op.params[v.location as 'path' | 'query'].safeParse(v.call[v.location as 'path' | 'query']).success);

  function variant(location: 'path' | 'query', name: string, v: { kind: VariantKind; value: string; why: string }): InvalidVariant {
    const shown = v.value.length > 24 ? `${v.value.slice(0, 8)}… (${v.value.length} characters)` : `'${v.value}'`;
    return { kind: v.kind, location, label: `the ${location} parameter '${name}' = ${shown} (${v.why})`, call: { ...base, [location]: { ...base[location], [name]: v.value } } };
  }
}

/** Whether the operation takes any input (a body, or path or query parameters). */
export function takesInput(op: OperationDef): boolean {
  return op.requestBody !== null || ['path', 'query'].some((l) => Object.keys(jsonSchema(op.params[l as 'path' | 'query']).properties ?? {}).length > 0);
}

/** Whether a body text is invalid for the operation (malformed JSON counts as invalid). */
function bodyIsInvalid(op: OperationDef, text: string | undefined): boolean {
  if (!op.requestBody || text === undefined) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return true;
  }
  return !op.requestBody.schema.safeParse(value).success;
}

/** The invalid variants of one operation: each one is checked to be invalid against the spec. */
export function invalidVariants(op: OperationDef, base: OperationCall, rng: SeededRandom): InvalidVariant[] {
  const seen = new Set<string>();
  return [...bodyVariants(op, base, rng).filter((v) => bodyIsInvalid(op, bodyTextOf(v.call))), ...paramVariants(op, base, rng)].filter((v) => {
    const key = `${v.location}:${JSON.stringify(v.call.path)}${JSON.stringify(v.call.query)}${bodyTextOf(v.call) ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
