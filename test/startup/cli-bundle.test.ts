// The bundled command line (scripts/build-cli.ts → dist/cli, what bin/nx-conformance.js runs):
// the mock command loads only the chunks it needs, the lazily loaded parts stay in chunks of their
// own, and the bundle really runs — Express's CommonJS inside an ES module needs the require()
// shim, and the control API's chunk must load on the first /__nx request (issue 16).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
// Inside the package (the CLI finds its specs from its package.json), apart from the real dist/cli.
const OUT = join(ROOT, 'dist', `cli-test-${process.pid}`);
let meta: Metafile;

beforeAll(async () => {
  meta = await buildCli(OUT);
}, 120_000);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

const rel = (path: string): string => relative(ROOT, resolve(ROOT, path));

/** The source modules in `chunk` and in every chunk it imports statically, transitively. */
function staticallyLoaded(chunk: string): Set<string> {
  const inputs = new Set<string>();
  const seen = new Set<string>();
  const visit = (out: string): void => {
    if (seen.has(out)) return;
    seen.add(out);
    const output = meta.outputs[out];
    if (!output) throw new Error(`no chunk ${out} in the bundle`);
    for (const input of Object.keys(output.inputs)) inputs.add(input);
    for (const imported of output.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(chunk);
  return inputs;
}

/** The output chunk that holds `source` as its entry (a dynamic import's target). */
function chunkOf(source: string): string {
  const found = Object.entries(meta.outputs).find(([, o]) => o.entryPoint !== undefined && rel(o.entryPoint) === source);
  if (!found) throw new Error(`${source} is no chunk of its own in the bundle`);
  return found[0];
}

describe('the CLI bundle', () => {
  it('starts the mock loading neither the runner, the market sources nor the control API', () => {
    const loaded = [...staticallyLoaded(chunkOf('src/cli/main.ts')), ...staticallyLoaded(chunkOf('src/cli/mock-command.ts'))].map(rel);
    // The walk sees the mock itself, so the exclusions below are not vacuous.
    expect(loaded).toContain('src/mock/http/create-mock-app.ts');
    expect(loaded.some((f) => f.includes('node_modules/express/'))).toBe(true);
    const lazy = loaded.filter((f) => f.startsWith('src/conformance/') || f.startsWith('src/mock/http/control/') || /^src\/market-sources\/(replay|coingecko)/.test(f));
    expect(lazy).toEqual([]);
  });

  it('keeps each command in a chunk of its own', () => {
    for (const command of ['mock-command', 'server-command', 'client-command', 'proxy-command']) expect(chunkOf(`src/cli/${command}.ts`)).toMatch(/\.js$/);
  });

  it('runs: the mock answers GET /market, and the control API loads on its first request', { timeout: 60_000 }, async () => {
    const entry = `import(${JSON.stringify(join(OUT, 'main.js'))}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', entry, 'mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = once(child, 'exit');
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const { url, key } = await new Promise<{ url: string; key: string }>((ok, fail) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
          const key = /demo sandbox agent: key (\S+)/.exec(out)?.[1];
          if (url && key) ok({ url, key });
        });
        void exited.then(([code]) => fail(new Error(`the bundled CLI exited with ${String(code)}\n${err}`)));
      });
      const market = await fetch(`${url}/v1/agent/market`, { headers: { 'x-nx-key': key } });
      expect(market.status).toBe(200);
      expect(((await market.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
      const journal = await fetch(`${url}/__nx/journal?limit=5`);
      expect(journal.status).toBe(200);
      expect(((await journal.json()) as { data: Array<{ path: string }> }).data.map((e) => e.path)).toContain('/v1/agent/market');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
