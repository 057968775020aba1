// State shared by the schema emitters while they turn one schema into zod code.
import type { oas31 } from 'openapi3-ts';
import { CodegenError } from './errors.js';

/**
 * Which form of a schema is being emitted. `request`: readOnly properties removed, defaults
 * applied. `response`: writeOnly properties removed, no defaults (a response validator must
 * not invent data). `shared`: for components without readOnly/writeOnly anywhere below them,
 * one schema serves both directions; defaults are applied to optional properties only, which
 * never changes what is accepted, only what the parse returns.
 */
export type Mode = 'request' | 'response' | 'shared';

/** Maps component names to the identifiers of their emitted variants. */
export interface ComponentNames {
  /** Identifier of the variant of component `name` for `mode`; throws for unknown names. */
  ident(name: string, mode: Mode, pointer: string): string;
}

export interface EmitContext {
  doc: oas31.OpenAPIObject;
  mode: Mode;
  names: ComponentNames;
  /** Prepended to component identifiers: '' inside schemas.ts, 'schemas.' elsewhere. */
  refPrefix: string;
  /** Identifiers not defined yet at this point of the output: they may only be used lazily. */
  pending: ReadonlySet<string>;
  /** True below an object property, where a getter can defer evaluation. */
  inProperty: boolean;
  /** Ref sets of the enclosing properties; each ref emitted is added to all of them. */
  collectors: Set<string>[];
  /** Every identifier referenced, with whether any reference was eager (outside a property). */
  refs: Map<string, boolean>;
  /** Names of runtime.ts helpers the emitted code calls. */
  runtime: Set<string>;
}

export function newContext(
  doc: oas31.OpenAPIObject,
  names: ComponentNames,
  mode: Mode,
  options: { refPrefix?: string; pending?: ReadonlySet<string>; runtime?: Set<string> } = {},
): EmitContext {
  return {
    doc,
    mode,
    names,
    refPrefix: options.refPrefix ?? '',
    pending: options.pending ?? new Set(),
    inProperty: false,
    collectors: [],
    refs: new Map(),
    runtime: options.runtime ?? new Set(),
  };
}

/** Emits a reference to a component schema and records it for ordering and getters. */
export function refCode(ctx: EmitContext, name: string, pointer: string): string {
  const id = ctx.names.ident(name, ctx.mode, pointer);
  ctx.refs.set(id, (ctx.refs.get(id) ?? false) || !ctx.inProperty);
  for (const c of ctx.collectors) c.add(id);
  if (!ctx.inProperty && ctx.pending.has(id)) {
    // z.union([...]) etc. evaluate their arguments immediately; only object getters defer.
    throw new CodegenError(
      `recursive reference to "${name}" outside an object property cannot be expressed in zod`,
      pointer,
    );
  }
  return `${ctx.refPrefix}${id}`;
}

/**
 * Contexts for modules other than schemas.ts: component refs go through the `schemas`
 * namespace import (everything is defined by then, so nothing is pending), and the runtime
 * helpers and schema refs used are collected across all contexts for the import lines.
 */
export function moduleContexts(doc: oas31.OpenAPIObject, names: ComponentNames) {
  const runtime = new Set<string>();
  const made: EmitContext[] = [];
  return {
    runtime,
    make(mode: Mode): EmitContext {
      const ctx = newContext(doc, names, mode, { refPrefix: 'schemas.', runtime });
      made.push(ctx);
      return ctx;
    },
    usesSchemas: () => made.some((c) => c.refs.size > 0),
  };
}
