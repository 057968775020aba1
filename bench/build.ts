// The parts that run the compiled mock (HTTP, memory, start-up) measure dist/: build it first when
// it is missing or older than src/, so a number never belongs to yesterday's code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { runToEnd } from './child.js';

export function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (name.endsWith('.ts')) newest = Math.max(newest, statSync(`${dir}/${name}`).mtimeMs);
  }
  return newest;
}

const COMPILED = 'dist/src/mock/http/start-mock.js';
/** The CLI bundle that bin/nx-conformance.js runs (scripts/build-cli.ts). */
const BUNDLED = 'dist/cli/main.js';

/** Builds dist/ when stale; true when it did. */
export async function ensureBuilt(log: (line: string) => void, part: string): Promise<boolean> {
  if (existsSync(COMPILED) && existsSync(BUNDLED) && Math.min(statSync(COMPILED).mtimeMs, statSync(BUNDLED).mtimeMs) >= newestMtime('src')) return false;
  log(`  ${part}: dist/ is missing or older than src/, running npm run build …`);
  await runToEnd('npm', ['run', 'build'], 300_000);
  return true;
}
