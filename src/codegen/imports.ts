// Import lines of the generated modules (only what each module uses, sorted for stability).

export function importLines(options: {
  runtimeImport: string;
  runtimeValues?: Iterable<string>;
  runtimeTypes?: Iterable<string>;
  schemas?: boolean;
}): string {
  const lines = ["import { z } from 'zod';"];
  const values = [...(options.runtimeValues ?? [])].sort();
  const types = [...(options.runtimeTypes ?? [])].sort();
  const from = `from '${options.runtimeImport}';`;
  if (values.length === 0 && types.length > 0) lines.push(`import type { ${types.join(', ')} } ${from}`);
  else if (values.length > 0) lines.push(`import { ${[...values, ...types.map((t) => `type ${t}`)].join(', ')} } ${from}`);
  if (options.schemas) lines.push("import * as schemas from './schemas.js';");
  return lines.join('\n');
}
