// The static import graph of a source file: every module reached through `import … from` and
// `export … from` (type-only imports excluded; they vanish when compiled). Dynamic import() is not
// followed: it is how start-up defers what the default `mock` does not need.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const STATIC = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Repository-relative paths of the source files reached, and the bare package names. */
export function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (abs: string): void => {
    const rel = relative(ROOT, abs);
    if (files.has(rel)) return;
    files.add(rel);
    for (const m of readFileSync(abs, 'utf8').matchAll(STATIC)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) visit(resolve(dirname(abs), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
    }
  };
  visit(resolve(ROOT, entry));
  return { files, packages };
}
