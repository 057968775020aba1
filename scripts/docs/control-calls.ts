// The README's table of control calls, read from openapi/control.yaml: every operation with its
// query parameters, its example body (when short) and its summary, so a call added to the spec
// shows up here on the next `npm run docs`.
import { parse } from 'yaml';
import { markdownTable } from './table.js';

interface Operation {
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Longer example bodies (a whole state fixture) stay in the spec. */
const MAX_EXAMPLE = 80;

function exampleOf(op: Operation): string {
  const content = op.requestBody?.content?.['application/json'];
  const first = Object.values(content?.examples ?? {})[0]?.value;
  const text = first === undefined ? '' : JSON.stringify(first);
  return text.length > 0 && text.length <= MAX_EXAMPLE ? ` ${text}` : '';
}

/** The summary, and the description's first sentence when it adds a condition such as a needed flag. */
function whatOf(op: Operation): string {
  const first = /^[^.]*\./.exec(op.description ?? '')?.[0];
  return first && /needs|only|at most/i.test(first) ? `${op.summary ?? ''}. ${first}` : op.summary ?? '';
}

export function controlCallsTable(specText: string): string {
  const spec = parse(specText) as { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };
  const prefix = new URL(spec.servers?.[0]?.url ?? 'http://x/__nx').pathname.replace(/\/$/, '');
  const rows: string[][] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${p.name}=`);
      const call = `${method.toUpperCase()} ${prefix}${path}${query.length ? `?${query.join('&')}` : ''}${exampleOf(op)}`;
      rows.push([`\`${call}\``, whatOf(op)]);
    }
  }
  return markdownTable(['call', 'what it does'], rows);
}
