// Makes sure dist/ui holds a dashboard built from the current src/ui before a browser test
// opens it: `npm ci` builds it, but a developer who edited the UI since would otherwise test
// yesterday's bundle. Rebuilding is atomic per file, so parallel test files may both do it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildUi, UI_OUT, UI_SOURCE } from '../../../scripts/build-ui.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export async function ensureUiBuilt(): Promise<void> {
  const bundle = join(UI_OUT, 'app.js');
  if (existsSync(bundle) && existsSync(join(UI_OUT, 'index.html')) && statSync(bundle).mtimeMs >= newestMtime(UI_SOURCE)) return;
  await buildUi();
}
