// schemas.ts: one zod const (and inferred type) per component schema variant, in dependency order.
import type { oas31 } from 'openapi3-ts';
import { docComment } from './code.js';
import { analyzeComponents, type ComponentInfo } from './components.js';
import { newContext, type Mode } from './context.js';
import { orderNodes } from './order.js';
import { isRecord } from './pointer.js';
import { schemaToZod } from './schema-to-zod.js';

interface Node {
  id: string;
  mode: Mode;
  info: ComponentInfo;
  refs: Map<string, boolean>;
}

function nodesOf(info: ComponentInfo): Array<Omit<Node, 'refs'>> {
  if (!info.variants) return [{ id: info.id, mode: 'shared', info }];
  return [
    { id: `${info.id}Request`, mode: 'request', info },
    { id: info.id, mode: 'response', info },
  ];
}

function comment(node: Node): string {
  const description = isRecord(node.info.schema) ? node.info.schema.description : undefined;
  const text = typeof description === 'string' ? description.trim() : '';
  if (node.mode === 'shared') return docComment(text);
  const variant =
    node.mode === 'request'
      ? `Request form of ${node.info.name}: readOnly properties removed, defaults applied.`
      : `Response form of ${node.info.name}: writeOnly properties removed.`;
  return docComment(text ? `${text}\n\n${variant}` : variant);
}

/** Returns the body of schemas.ts (without header) and the runtime helpers it needs. */
export function emitSchemas(doc: oas31.OpenAPIObject): { body: string; runtime: Set<string> } {
  const { list, names } = analyzeComponents(doc);
  // Pass 1: emit with nothing pending, only to learn who references whom (and how).
  const nodes: Node[] = list.flatMap(nodesOf).map((n) => {
    const ctx = newContext(doc, names, n.mode);
    schemaToZod(n.info.schema, n.info.pointer, ctx);
    return { ...n, refs: ctx.refs };
  });
  const ordered = orderNodes(nodes);
  // Pass 2: emit for real; refs to not-yet-defined consts become getters (or fail if eager).
  const pending = new Set(ordered.map((n) => n.id));
  const runtime = new Set<string>();
  const blocks = ordered.map((n) => {
    const ctx = newContext(doc, names, n.mode, { pending });
    const code = schemaToZod(n.info.schema, n.info.pointer, ctx);
    pending.delete(n.id);
    for (const r of ctx.runtime) runtime.add(r);
    return (
      `${comment(n)}export const ${n.id} = ${code};\n` + `export type ${n.id} = z.infer<typeof ${n.id}>;\n`
    );
  });
  return { body: blocks.join('\n'), runtime };
}
