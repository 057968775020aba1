// `npm run docs`: rewrites the generated sections of README.md (the mock's flags from its
// commander definition, the control calls from openapi/control.yaml). `npm run docs -- --check`
// writes nothing and exits 1 naming the stale sections; a test runs the same check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { controlCallsTable } from './docs/control-calls.js';
import { mockFlagsTable } from './docs/mock-flags.js';
import { replaceSection, sectionOf } from './docs/sections.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const README = join(root, 'README.md');

/** Each generated section of the README by its marker name. */
export function readmeSections(): Record<string, string> {
  return {
    'mock-flags': mockFlagsTable(),
    'control-calls': controlCallsTable(readFileSync(join(root, 'openapi', 'control.yaml'), 'utf8')),
  };
}

/** The names of the sections whose text differs from what the generator makes now. */
export function staleSections(readme: string, sections = readmeSections()): string[] {
  return Object.entries(sections).filter(([name, content]) => sectionOf(readme, name) !== content.trim()).map(([name]) => name);
}

function main(argv: readonly string[]): number {
  const readme = readFileSync(README, 'utf8');
  const sections = readmeSections();
  const stale = staleSections(readme, sections);
  if (argv.includes('--check')) {
    if (stale.length === 0) {
      console.log(`README.md is up to date (${Object.keys(sections).join(', ')})`);
      return 0;
    }
    console.error(`README.md is stale in: ${stale.join(', ')}. Fix: run \`npm run docs\` and commit README.md.`);
    return 1;
  }
  let text = readme;
  for (const [name, content] of Object.entries(sections)) text = replaceSection(text, name, content);
  if (text !== readme) writeFileSync(README, text);
  console.log(stale.length === 0 ? 'README.md was up to date' : `README.md: rewrote ${stale.join(', ')}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
