// JSON pointer helpers (RFC 6901) and local $ref resolution. Only same-document refs
// ('#/...') are supported: the spec is a single file.
import { CodegenError } from './errors.js';

/** Appends one segment to a pointer, escaping '~' and '/' as RFC 6901 requires. */
export function child(pointer: string, ...segments: Array<string | number>): string {
  return segments.reduce<string>(
    (acc, s) => `${acc}/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`,
    pointer,
  );
}

/** Looks a '#/...' pointer up in the document; undefined when nothing is there. */
export function lookup(doc: unknown, pointer: string): unknown {
  if (pointer === '#') return doc;
  if (!pointer.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function isRef(value: unknown): value is { $ref: string } {
  return isRecord(value) && typeof value.$ref === 'string';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Follows a chain of $refs (a ref may point at another ref) to the final object.
 * Returns the object and the pointer it lives at, so later errors point at the real node.
 */
export function deref(
  doc: unknown,
  value: unknown,
  pointer: string,
): { value: Record<string, unknown>; pointer: string } {
  let current = value;
  let at = pointer;
  const seen = new Set<string>();
  while (isRef(current)) {
    const target = current.$ref;
    if (!target.startsWith('#/')) {
      throw new CodegenError(`only local refs ('#/...') are supported, got "${target}"`, at);
    }
    if (seen.has(target)) throw new CodegenError(`$ref cycle through "${target}"`, at);
    seen.add(target);
    const next = lookup(doc, target);
    if (next === undefined) throw new CodegenError(`$ref "${target}" does not resolve`, at);
    current = next;
    at = target;
  }
  if (!isRecord(current)) throw new CodegenError('expected an object', at);
  return { value: current, pointer: at };
}

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** The component name a schema $ref targets, or throws: deeper refs are not supported. */
export function schemaRefName(ref: string, pointer: string): string {
  const m = SCHEMA_REF.exec(ref);
  if (!m?.[1]) {
    throw new CodegenError(`schema $ref must target "#/components/schemas/<Name>", got "${ref}"`, pointer);
  }
  return decodeURIComponent(m[1]).replace(/~1/g, '/').replace(/~0/g, '~');
}
