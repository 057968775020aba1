// Component schema names -> TypeScript identifiers, and which components need separate
// request/response variants (those with readOnly/writeOnly properties, directly or via refs).
import type { oas31 } from 'openapi3-ts';
import type { ComponentNames, Mode } from './context.js';
import { CodegenError } from './errors.js';
import { child, isRecord, schemaRefName } from './pointer.js';

/**
 * Names the generated modules define or use (RegExp: pattern fallbacks), plus words that
 * cannot be identifiers. Shadowing other globals (a component named Symbol) is harmless.
 */
const RESERVED = new Set(
  (
    'z schemas operations operationList OperationId webhookEvents webhookList WebhookEvent ' +
    'OperationDef ResponseDef WebhookDef hasUniqueItems formArray commaArray ' +
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await arguments eval undefined NaN Infinity RegExp'
  ).split(' '),
);

export interface ComponentInfo {
  name: string;
  pointer: string;
  schema: unknown;
  /** true: emitted twice, as `<Id>Request` and `<Id>`; false: one `<Id>` for both. */
  variants: boolean;
  id: string;
}

/** Keys whose values are data, not subschemas: their contents must not be scanned. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'const', 'enum']);

function scan(node: unknown, pointer: string, found: { access: boolean; refs: Set<string> }): void {
  if (Array.isArray(node)) node.forEach((n, i) => scan(n, child(pointer, i), found));
  if (!isRecord(node)) return;
  if (node.readOnly === true || node.writeOnly === true) found.access = true;
  if (typeof node.$ref === 'string') found.refs.add(schemaRefName(node.$ref, pointer));
  for (const [key, value] of Object.entries(node)) {
    if (!DATA_KEYS.has(key) && !key.startsWith('x-')) scan(value, child(pointer, key), found);
  }
}

function toIdent(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

export function analyzeComponents(doc: oas31.OpenAPIObject): { list: ComponentInfo[]; names: ComponentNames } {
  const schemas = doc.components?.schemas ?? {};
  const direct = new Map<string, { access: boolean; refs: Set<string> }>();
  for (const [name, schema] of Object.entries(schemas)) {
    const found = { access: false, refs: new Set<string>() };
    scan(schema, child('#/components/schemas', name), found);
    direct.set(name, found);
  }
  // Fixpoint: a component needs variants when anything it references (transitively) does.
  const variants = new Set([...direct].filter(([, f]) => f.access).map(([n]) => n));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, f] of direct) {
      if (!variants.has(name) && [...f.refs].some((r) => variants.has(r))) {
        variants.add(name);
        changed = true;
      }
    }
  }
  const taken = new Map<string, string>();
  const list: ComponentInfo[] = Object.entries(schemas).map(([name, schema]) => {
    const pointer = child('#/components/schemas', name);
    const id = toIdent(name);
    const info = { name, pointer, schema, variants: variants.has(name), id };
    for (const ident of info.variants ? [`${id}Request`, id] : [id]) {
      if (RESERVED.has(ident)) throw new CodegenError(`component name maps to reserved identifier "${ident}"`, pointer);
      const other = taken.get(ident);
      if (other !== undefined) throw new CodegenError(`identifier "${ident}" is also used by ${other}`, pointer);
      taken.set(ident, pointer);
    }
    return info;
  });
  const byName = new Map(list.map((c) => [c.name, c]));
  const names: ComponentNames = {
    ident(name: string, mode: Mode, pointer: string): string {
      const info = byName.get(name);
      if (!info) throw new CodegenError(`$ref to unknown schema "${name}"`, pointer);
      if (!info.variants) return info.id;
      if (mode === 'shared') throw new Error(`internal: shared schema references variant component ${name}`);
      return mode === 'request' ? `${info.id}Request` : info.id;
    },
  };
  return { list, names };
}
