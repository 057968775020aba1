// The README shows every picture `npm run screenshots` makes (a README merge once dropped the
// dashboard's), and every picture it shows exists.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const shown = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
const pictures = readdirSync(join(ROOT, 'docs/images')).filter((n) => n.endsWith('.png')).map((n) => `docs/images/${n}`);

it.each(pictures)('README.md shows %s', (picture) => {
  expect(shown, `show ${picture} in the README (or stop making it in scripts/screenshots.ts)`).toContain(picture);
});

it.each(shown)('%s, shown in README.md, exists', (picture) => {
  expect(existsSync(join(ROOT, picture)), `${picture} is missing: run npm run screenshots`).toBe(true);
});
