// The parts that run the compiled mock (HTTP, memory, start-up) measure dist/: build it first when
// it is missing or older than src/, so a number never belongs to yesterday's code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Whether dist/ under `root` must be built before measuring. The bundle's time is the build's
 * time: `npm run build` ends with the CLI bundle, which is written afresh every time. The tsc
 * output is not: incremental tsc leaves an unchanged file (and its time) alone, so comparing it
 * with src/ called dist/ stale after every edit elsewhere, and rebuilt before every bench part.
 */
export function distIsStale(root = '.'): boolean {
  const [compiled, bundled] = [join(root, COMPILED), join(root, BUNDLED)];
  if (!existsSync(compiled) || !existsSync(bundled)) return true;
  return statSync(bundled).mtimeMs < newestMtime(join(root, 'src'));
}

/** Builds dist/ when stale; true when it did. */
export async function ensureBuilt(log: (line: string) => void, part: string): Promise<boolean> {
  if (!distIsStale()) return false;
  log(`  ${part}: dist/ is missing or older than src/, running npm run build …`);
  await runToEnd('npm', ['run', 'build'], 300_000);
  return true;
}
