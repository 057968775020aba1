// Derives invalid variants of a valid example from the spec's own (raw) schema: a required
// field dropped, a field given a value of the wrong JSON type, an enum/const field given an
// unknown value. Walks nested objects and the first item of arrays. Union members are only
// entered when the branch is unambiguous (nullable wrapper or discriminator).
import { deref, isRecord, lookup } from '../../src/codegen/pointer.js';

type Schema = Record<string, unknown>;
type Mode = 'request' | 'response';

export interface Mutation {
  what: string;
  value: unknown;
}

/** Follows $refs and merges allOf object parts into one {properties, required} schema. */
function resolve(doc: unknown, schema: unknown): Schema | null {
  if (!isRecord(schema)) return null;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    const target = deref(doc, { $ref }, '#').value;
    return Object.keys(rest).length === 0 ? resolve(doc, target) : resolve(doc, { allOf: [target, rest] });
  }
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...own } = schema;
  const merged: Schema = { properties: {}, required: [] };
  for (const part of [own, ...allOf]) {
    const r = resolve(doc, part);
    if (!r) continue;
    for (const [k, v] of Object.entries(r)) {
      if (k === 'properties' && isRecord(v)) Object.assign(merged.properties as Schema, v);
      else if (k === 'required' && Array.isArray(v)) (merged.required as unknown[]).push(...v);
      else if (!(k in merged)) merged[k] = v;
    }
  }
  return merged;
}

function literalsOf(doc: unknown, schema: unknown): unknown[] | null {
  const r = resolve(doc, schema);
  if (!r) return null;
  if (r.const !== undefined) return [r.const];
  return Array.isArray(r.enum) ? r.enum : null;
}

/** The single union member that applies to `value`, or the schema itself when not a union. */
function branch(doc: unknown, schema: Schema | null, value: unknown): Schema | null {
  if (!schema) return null;
  const members = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (!Array.isArray(members)) return schema;
  if (value === null) return null;
  const nonNull = members.filter((m) => resolve(doc, m)?.type !== 'null');
  if (nonNull.length === 1) return branch(doc, resolve(doc, nonNull[0]), value);
  const d = schema.discriminator;
  if (!isRecord(d) || typeof d.propertyName !== 'string' || !isRecord(value)) return null;
  const tag = value[d.propertyName];
  const mapped = isRecord(d.mapping) ? d.mapping[String(tag)] : undefined;
  for (const m of nonNull) {
    const r = resolve(doc, m);
    const props = isRecord(r?.properties) ? r.properties : {};
    const lits = literalsOf(doc, props[d.propertyName]);
    const ref = isRecord(m) && typeof m.$ref === 'string' ? m.$ref : '';
    if (lits?.includes(tag) || (mapped !== undefined && ref === mapped) || (!lits && ref.endsWith(`/${String(tag)}`))) {
      return branch(doc, r, value);
    }
  }
  return null;
}

/** JSON types a schema admits ('integer' folded into 'number'); null when unknown. */
function typesOf(doc: unknown, schema: unknown): Set<string> | null {
  const r = resolve(doc, schema);
  if (!r) return null;
  const members = (r.oneOf ?? r.anyOf) as unknown[] | undefined;
  if (Array.isArray(members)) {
    const all = new Set<string>();
    for (const m of members) {
      const t = typesOf(doc, m);
      if (!t) return null;
      t.forEach((x) => all.add(x));
    }
    return all;
  }
  const lits = literalsOf(doc, r);
  const raw = lits ? lits.map((v) => (v === null ? 'null' : typeof v)) : r.type === undefined ? [] : [r.type].flat();
  const types = new Set(raw.map((t) => (t === 'integer' ? 'number' : String(t))));
  if (r.properties) types.add('object');
  return types.size > 0 ? types : null;
}

const WRONG: Array<[string, unknown]> = [
  ['string', '__wrong_type__'],
  ['number', 12345],
  ['boolean', true],
  ['object', { wrong: 1 }],
];

function hidden(doc: unknown, prop: unknown, mode: Mode): boolean {
  if (!isRecord(prop)) return false;
  const own = prop.readOnly !== undefined || prop.writeOnly !== undefined;
  const target = typeof prop.$ref === 'string' && !own ? lookup(doc, prop.$ref) : prop;
  if (!isRecord(target)) return false;
  return mode === 'request' ? target.readOnly === true : target.writeOnly === true;
}

/** Yields invalid variants of `value`, each with a description of what was broken. */
export function* mutations(doc: unknown, schema: unknown, value: unknown, mode: Mode, at = ''): Generator<Mutation> {
  const s = branch(doc, resolve(doc, schema), value);
  if (!s) return;
  if (Array.isArray(value) && value.length > 0 && s.items !== undefined) {
    for (const m of mutations(doc, s.items, value[0], mode, `${at}/0`)) {
      yield { what: m.what, value: [m.value, ...value.slice(1)] };
    }
  }
  if (!isRecord(value) || !isRecord(s.properties)) return;
  const required = Array.isArray(s.required) ? s.required : [];
  for (const [name, prop] of Object.entries(s.properties)) {
    if (!(name in value) || hidden(doc, prop, mode)) continue;
    const where = `${at}/${name}`;
    const set = (v: unknown) => ({ ...value, [name]: v });
    if (required.includes(name)) {
      const { [name]: _dropped, ...rest } = value;
      yield { what: `required ${where} dropped`, value: rest };
    }
    const types = typesOf(doc, prop);
    const wrong = types && WRONG.find(([t]) => !types.has(t));
    if (wrong) yield { what: `${where} given a ${wrong[0]}`, value: set(wrong[1]) };
    const lits = literalsOf(doc, prop);
    if (lits) {
      const unknown = lits.some((l) => typeof l === 'number') ? 987654321 : '__not_an_enum_value__';
      yield { what: `${where} given an unknown enum value`, value: set(unknown) };
    }
    for (const m of mutations(doc, prop, value[name], mode, where)) yield { what: m.what, value: set(m.value) };
  }
}
