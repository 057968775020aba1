// Files that ship with the package (the specs, the sample market recording), found from the
// running module, so they resolve the same from src/ (tsx), dist/src/ and node_modules/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The directory of nx-conformance's own package.json. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'nx-conformance') return (root = dir);
    if (dirname(dir) === dir) throw new Error('nx-conformance: cannot find its own package.json above ' + fileURLToPath(import.meta.url));
  }
}

/** `relative` inside the package, or undefined when the package does not ship it. */
export function shippedFile(relative: string): string | undefined {
  const file = join(packageRoot(), relative);
  return existsSync(file) ? file : undefined;
}
