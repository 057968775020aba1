// The package as people outside this repository get it: `npm pack` (its prepack builds dist/),
// the tarball's contents, then an offline install into a fresh consumer project where the CLI
// runs through npx, a vitest suite uses nx-conformance/testing, and a strict tsc
// (skipLibCheck: false) checks the public types. .ci/run repeats this file on Node 22 and 24.
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefectName } from '../../src/mock/defects.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { installConsumer } from './support/consumer-project.js';
import { packPackage, ROOT, type Packed } from './support/pack-package.js';
import { loadAction, runAction } from './support/run-action.js';
import { cleanEnv, run, start, stop, waitForOutput, type Finished, type Started } from './support/run.js';
import { refusedUrl } from '../support/refused-port.js';

const work = mkdtempSync(join(tmpdir(), 'nx-package-'));
const consumer = join(work, 'consumer');
let packed: Packed;
let installed: Finished;
/** The consumer's strict tsc, started as soon as the consumer is installed (see beforeAll). */
let typesChecked: Promise<Finished>;
const running: Started[] = [];
/** A bin the consumer's install linked (node_modules/.bin), as npx would find it. */
const bin = (name: string): string => join(consumer, 'node_modules', '.bin', name);

beforeAll(async () => {
  const t0 = performance.now();
  packed = await packPackage(work);
  const t1 = performance.now();
  installed = await installConsumer(consumer, packed.tarball);
  const t2 = performance.now();
  // The longest step (~15 s of one core), and it depends on nothing the other tests do: it runs
  // beside them instead of after them, so this file ends sooner. Its test awaits the result.
  // The installed bins run directly where npx is not what a test is about: npx costs ~0.35 s of
  // CPU per call before it starts the bin.
  typesChecked = run(bin('tsc'), ['-p', '.'], consumer);
  typesChecked.catch(() => undefined); // reported by its test; never an unhandled rejection
  console.info(
    `node ${process.version}: packed ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} kB in ${((t1 - t0) / 1000).toFixed(1)} s; ` +
      `consumer installed offline in ${((t2 - t1) / 1000).toFixed(1)} s`,
  );
}, 300_000);

afterAll(async () => {
  for (const s of running) stop(s, 'SIGKILL');
  await rm(work, { recursive: true, force: true });
}, 120_000);

describe('the packed tarball', { timeout: 60_000 }, () => {
  const paths = (): string[] => packed.files.map((f) => f.path);

  it('ships the licence, the docs, the specs, the sample market recording and the built code', () => {
    expect(paths()).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'SIGNING.md',
        'package.json',
        'bin/nx-conformance.js',
        'openapi/agent-connect.yaml',
        'openapi/control.yaml',
        'schemas/conformance-report.schema.json',
        'fixtures/market/sample-2025-11.json',
        'dist/src/index.js',
        'dist/src/index.d.ts',
        'dist/src/testing/index.js',
        'dist/src/testing/index.d.ts',
        'dist/ui/index.html',
        'dist/ui/app.js',
        'dist/ui/app.css',
      ]),
    );
  });

  it('ships no source maps, no tests and not the build-time generator', () => {
    expect(paths().filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths().filter((p) => /(^|\/)(test|src)\//.test(p) && !p.startsWith('dist/src/'))).toEqual([]);
    // Only the one runtime module the generated code imports may come from src/codegen/.
    expect(paths().filter((p) => p.startsWith('dist/src/codegen/') && !/\/runtime\.(js|d\.ts)$/.test(p))).toEqual([]);
    const js = paths().filter((p) => p.endsWith('.js'));
    const mapped = js.filter((p) => readFileSync(join(packed.staging, p), 'utf8').includes('sourceMappingURL'));
    expect(mapped).toEqual([]);
  });

  it('names its repository, home page and issue tracker, and runs no script when installed', () => {
    const m = packed.manifest;
    expect(m.license).toBe('MIT');
    expect(m.repository?.url).toMatch(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    expect(m.homepage).toMatch(/^https:\/\//);
    expect(m.bugs?.url).toMatch(/^https:\/\/.+\/issues$/);
    const installTime = ['preinstall', 'install', 'postinstall', 'prepare'].filter((s) => m.scripts?.[s]);
    expect(installTime).toEqual([]);
  });

  it('every entry point that package.json declares is in the tarball', () => {
    const m = packed.manifest;
    const declared = [
      ...Object.values(m.bin),
      m.main,
      m.types,
      ...Object.values(m.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))),
    ].map((p) => p.replace(/^\.\//, ''));
    expect(paths()).toEqual(expect.arrayContaining(declared));
  });

  it('packs without npm warnings, and `npm publish --dry-run` has nothing to correct', async () => {
    expect(packed.warnings).not.toMatch(/npm warn/i);
    const published = await run('npm', ['publish', '--dry-run', '--ignore-scripts', '--offline'], packed.staging);
    expect(published.code, published.stderr).toBe(0);
    // Being logged in to the registry is the publisher's business, not the package's.
    const warnings = published.stderr.split('\n').filter((l) => /npm (warn|error)/i.test(l) && !/requires you to be logged in/.test(l));
    expect(warnings).toEqual([]);
  });
});

// Each step starts Node, npm or tsc afresh: slow on a loaded machine, so the limits are wide.
describe('installed in a consumer project, offline', { timeout: 240_000 }, () => {
  it('installs without an install-script warning about nx-conformance', () => {
    const flagged = installed.stderr.split('\n').filter((l) => /install-scripts/.test(l) && /nx-conformance@/.test(l));
    expect(flagged).toEqual([]);
  });

  it('`npx nx-conformance --version` prints the version that was packed', async () => {
    const r = await run('npx', ['nx-conformance', '--version'], consumer);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${packed.manifest.version}\n`);
  });

  it('`npx nx-conformance mock` serves the API, and `npx nx-conformance server` checks it', async () => {
    const mock = start('npx', ['nx-conformance', 'mock', '--port', '0'], consumer);
    running.push(mock);
    const [, url] = await waitForOutput(mock, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    const [, key] = await waitForOutput(mock, /demo sandbox agent: key (nx_test_\w+)/, 5_000);
    const market = await fetch(`${url}/v1/agent/market?coins=bitcoin`, { headers: { 'X-NX-Key': key! } });
    expect(market.status).toBe(200);
    const dashboard = await fetch(`${url}/__nx/ui/app.js`);
    expect(dashboard.status).toBe(200);
    const checked = await run('npx', ['nx-conformance', 'server', '--base-url', `${url}/v1/agent`, '--mode', 'sandbox', '--checks', 'schema.market'], consumer);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/1 passed/);
    stop(mock);
    const exited = await mock.exited;
    expect(exited.stderr).toContain('SIGTERM');
  });

  it('`--market replay:fixtures/…` plays the sample recording that ships in the package, from any directory', async () => {
    const sample = 'fixtures/market/sample-2025-11.json';
    const mock = start(bin('nx-conformance'), ['mock', '--port', '0', '--market', `replay:${sample}`], consumer);
    running.push(mock);
    await waitForOutput(mock, /market: replay of .*\(4 coins, 2025-11-01T00:00:00\.000Z/, 60_000);
    stop(mock);
    await mock.exited;
  });

  it('a vitest suite using nx-conformance/testing passes', async () => {
    const tested = await run(bin('vitest'), ['run', '--reporter=verbose'], consumer, cleanEnv({ NO_COLOR: '1' }));
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/Tests\s+4 passed/);
  });

  it('the public types pass a strict tsc with skipLibCheck: false', async () => {
    const compiled = await typesChecked;
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
  });
});

// action.yml's steps, run as GitHub's runner would, from the installed package as the action's
// directory (it is built, so the set-up step only checks the CLI runs).
describe('action.yml', { timeout: 240_000 }, () => {
  const action = loadAction(join(ROOT, 'action.yml'));
  const actionPath = (): string => join(consumer, 'node_modules', 'nx-conformance');
  const mocks: RunningMock[] = [];
  afterAll(async () => {
    await Promise.all(mocks.map((m) => m.close()));
  });
  const mockWith = async (defects: DefectName[]): Promise<RunningMock> => {
    const mock = await startMock({ port: 0, defects });
    mocks.push(mock);
    return mock;
  };

  it('is a composite action whose scripts read inputs from the environment only', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['base-url', 'mode']));
    for (const step of action.runs.steps) expect(step.run).not.toContain('${{');
  });

  it('against a server with a defect: the check step fails with annotations, a job summary and the reports', async () => {
    const mock = await mockWith(['wide-window']);
    const r = await runAction(action, actionPath(), { 'base-url': mock.baseUrl, mode: 'live', args: '--checks timestamp' }, consumer);
    expect(r.steps.map((s) => [s.name, s.code])).toEqual([['Set up nx-conformance', 0], ['Wait for the server', 0], ['Check the server', 1]]);
    expect(r.steps[0]!.stdout).toContain(`${packed.manifest.version}\n`);
    const check = r.steps[2]!;
    expect(check.stderr).toMatch(/^::error title=nx-conformance timestamp\.outside-window-rejected/m);
    expect(r.summary).toMatch(/^## ❌ nx-conformance: /);
    expect(r.outputs).toEqual({ report: 'nx-conformance-reports/nx-conformance.json', junit: 'nx-conformance-reports/nx-conformance.junit.xml' });
    const report = JSON.parse(readFileSync(join(consumer, r.outputs.report!), 'utf8')) as { findings: { checkId: string; status: string }[] };
    expect(report.findings).toContainEqual(expect.objectContaining({ checkId: 'timestamp.outside-window-rejected', status: 'fail' }));
  });

  it('against a correct server: every step passes and the summary says so', async () => {
    const mock = await mockWith([]);
    const r = await runAction(action, actionPath(), { 'base-url': mock.baseUrl, args: '--checks schema.market', out: 'clean-reports' }, consumer);
    expect(r.steps.map((s) => s.code), r.steps.map((s) => s.stderr).join('\n')).toEqual([0, 0, 0]);
    expect(r.steps[2]!.stderr).not.toMatch(/^::error/m);
    expect(r.summary).toMatch(/^## ✅ nx-conformance: 1 passed, 0 failed/);
  });

  it('a server that never answers: the wait step gives up with an annotation saying what to do', async () => {
    // Not a closed mock's port: another test's server may be given it meanwhile, and answer.
    const url = await refusedUrl('/v1/agent');
    const r = await runAction(action, actionPath(), { 'base-url': url, 'wait-seconds': '1' }, consumer);
    expect(r.steps.map((s) => [s.name, s.code])).toEqual([['Set up nx-conformance', 0], ['Wait for the server', 2]]);
    expect(r.steps[1]!.stdout).toContain(`::error title=nx-conformance::${url} did not answer within 1 s. Start the server before this step`);
  });
});
