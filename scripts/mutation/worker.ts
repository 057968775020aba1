// A mutation worker, copied next to the instrumented copy of src/ and run there. It reads jobs
// from its argv file and prints one JSON line per result:
//   coverage: run each check alone against a fresh mock with no mutant active; report which
//             mutants its run reached (and whether the clean run passed, which it must);
//   mutants:  for each mutant, activate it and run the checks that reach it, stopping at the
//             first that fails (killed) or passing them all (survived).
// The parent watches the lines: a mutant that hangs the process is killed with it (a timeout).
import { readFileSync } from 'node:fs';

interface Globals {
  __nxMutant: number;
  __nxHit: (...ids: number[]) => void;
  /** Resets of the instrumented modules' top-level state (instrument.ts). */
  __nxResets?: Array<() => void>;
}
const g = globalThis as unknown as Globals;
const hits = new Set<number>();
g.__nxMutant = -1;
g.__nxHit = (...ids) => {
  for (const id of ids) hits.add(id);
};

type Job = { kind: 'coverage'; checks: string[] } | { kind: 'mutants'; mutants: Array<{ id: number; checks: string[] }>; atLoad?: boolean };

// A mutant of code that runs when its module loads (a constant) is switched on before anything is
// imported: such a job holds that one mutant, in a process of its own.
const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Job;
if (job.kind === 'mutants' && job.atLoad) g.__nxMutant = job.mutants[0]?.id ?? -1;

// In the sandbox, src/ is next to this file (the instrumented copy); the types are the repository's.
const load = <T>(path: string): Promise<T> => import(new URL(`./src/${path}`, import.meta.url).href) as Promise<T>;
const { catalogue } = await load<typeof import('../../src/conformance/catalogue.js')>('conformance/catalogue.js');
const { runChecks } = await load<typeof import('../../src/conformance/run-checks.js')>('conformance/run-checks.js');
const { startMock } = await load<typeof import('../../src/mock/index.js')>('mock/index.js');

const say = (line: unknown): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

/** Runs one check (all its modes) against a fresh mock on a virtual clock; the ids of its failures. */
async function runCheck(id: string): Promise<string[]> {
  const check = catalogue.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  // Module caches start empty for every check, as in a fresh process: a cache filled before the
  // mutant was switched on would otherwise keep the mutant's code from ever running.
  for (const reset of g.__nxResets ?? []) reset();
  const mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z' });
  try {
    const summary = await runChecks({ baseUrl: mock.baseUrl, checks: [check], modes: [...check.modes], allowLiveOrders: true, slow: false, timeoutMs: 10_000, checkTimeoutMs: 30_000, seed: 42 });
    return summary.findings.filter((f) => f.status !== 'pass').map((f) => `${f.checkId} [${f.mode}] ${f.status}: ${f.message.slice(0, 160)}`);
  } finally {
    await mock.close();
  }
}

if (job.kind === 'coverage') {
  for (const id of job.checks) {
    hits.clear();
    const failures = await runCheck(id);
    say({ type: 'coverage', check: id, failures, hits: [...hits] });
  }
} else {
  for (const m of job.mutants) {
    say({ type: 'start', id: m.id });
    g.__nxMutant = m.id;
    let killedBy: string | undefined;
    for (const check of m.checks) {
      try {
        const failures = await runCheck(check);
        if (failures.length > 0) killedBy = failures[0];
      } catch (error) {
        killedBy = `${check}: crashed: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (killedBy) break;
    }
    if (!job.atLoad) g.__nxMutant = -1;
    say({ type: 'result', id: m.id, status: killedBy ? 'killed' : 'survived', killedBy });
  }
}
process.exit(0);
