// `npm run build:ui`: bundles the dashboard (src/ui) with esbuild into dist/ui — index.html,
// app.js and app.css, everything the page needs, so the mock serves it with no network and no
// CDN. Fails when the bundle outgrows its budget (250 kB gzipped, charts included).
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const UI_SOURCE = join(root, 'src', 'ui');
export const UI_OUT = join(root, 'dist', 'ui');
export const GZIP_BUDGET = 250 * 1024;

export interface UiBuild {
  dir: string;
  /** Bytes of app.js + app.css, raw and gzipped. */
  raw: number;
  gzip: number;
}

/**
 * Builds into `outDir`. Each file is written next to its final name and renamed into place, so
 * a server (or a parallel test) never reads a half-written bundle.
 */
export async function buildUi(outDir: string = UI_OUT): Promise<UiBuild> {
  const result = await build({
    entryPoints: { app: join(UI_SOURCE, 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Licence headers (lightweight-charts is Apache-2.0) stay, at the end of the file.
    legalComments: 'eof',
    write: false,
    outdir: outDir,
    logLevel: 'warning',
  });
  await mkdir(outDir, { recursive: true });
  const suffix = `.tmp-${process.pid}`;
  let raw = 0;
  let gzip = 0;
  for (const file of result.outputFiles) {
    raw += file.contents.length;
    gzip += gzipSync(file.contents).length;
    await writeFile(file.path + suffix, file.contents);
    await rename(file.path + suffix, file.path);
  }
  const html = join(outDir, 'index.html');
  await copyFile(join(UI_SOURCE, 'index.html'), html + suffix);
  await rename(html + suffix, html);
  if (gzip > GZIP_BUDGET) {
    throw new Error(`The dashboard bundle is ${(gzip / 1024).toFixed(1)} kB gzipped, over its ${GZIP_BUDGET / 1024} kB budget; drop a dependency or split the charts.`);
  }
  return { dir: outDir, raw, gzip };
}

/** Removes a build (tests that build into a temporary directory). */
export async function removeUi(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function readBuiltFile(dir: string, name: string): Promise<string> {
  return readFile(join(dir, name), 'utf8');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildUi();
  console.log(`dashboard: ${built.dir} (${(built.raw / 1024).toFixed(1)} kB, ${(built.gzip / 1024).toFixed(1)} kB gzipped)`);
}
