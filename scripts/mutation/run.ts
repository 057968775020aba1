// npm run mutation [-- --workers 2 --files PATTERN]: the catalogue's mutation score on the mock's
// rule modules. Every mutant (instrument.ts) of signing, authentication, rate limiting,
// permissions, risk, order handling and serialisation is switched on in turn, and the checks whose
// clean runs reach it run against the mock (a fresh one per check, virtual clock). A failing check
// kills the mutant; a mutant no check fails survives. Mutants listed in equivalent.yaml (with the
// reason they cannot change behaviour) are left out of the score:
//   score = killed / (all − equivalent).
// Too slow for CI (tens of minutes): the figure goes in the notes.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { catalogue } from '../../src/conformance/catalogue.js';
import { instrument, type Mutant } from './instrument.js';
import { runWorker, type Line } from './workers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The mock's rule modules: what the catalogue claims to police. */
export const TARGETS = [
  // signing
  'src/signing/check-timestamp.ts',
  'src/signing/verify-signature.ts',
  'src/signing/string-to-sign.ts',
  // authentication, rate limits, permissions, input (the rules core)
  'src/rules/stages/authenticate.ts',
  'src/rules/stages/signing-rules.ts',
  'src/rules/stages/rate-limit.ts',
  'src/rules/gcra.ts',
  'src/rules/stages/authorize.ts',
  'src/rules/permission.ts',
  'src/rules/stages/body-size.ts',
  'src/rules/stages/parse-body.ts',
  'src/rules/stages/validate-input.ts',
  'src/mock/http/rate-limit-headers.ts',
  // risk
  'src/mock/engine/risk/daily-loss.ts',
  'src/mock/engine/risk/position-limit.ts',
  'src/mock/engine/risk/reduces-only.ts',
  'src/mock/engine/risk/risk-gate.ts',
  'src/mock/engine/risk/equity.ts',
  // order handling
  'src/mock/engine/trading/place-order.ts',
  'src/mock/engine/trading/modify-order.ts',
  'src/mock/engine/trading/validate-order.ts',
  'src/mock/engine/trading/funds.ts',
  'src/mock/engine/trading/order-lookup.ts',
  'src/mock/engine/trading/list-orders.ts',
  'src/mock/engine/trading/order-book-walk.ts',
  'src/mock/engine/trading/portfolio.ts',
  // serialisation
  'src/mock/http/serialize.ts',
];

interface Equivalent {
  key: string;
  reason: string;
}

type Status = 'killed' | 'timeout' | 'survived' | 'no-coverage' | 'equivalent' | 'outside-spec';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** A sandbox copy of the package with the targets instrumented. */
function prepare(files: readonly string[]): { dir: string; mutants: Mutant[] } {
  const dir = mkdtempSync(join(tmpdir(), 'nx-mutation-'));
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  for (const name of ['node_modules', 'openapi', 'fixtures', 'schemas']) symlinkSync(join(ROOT, name), join(dir, name));
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(ROOT, 'scripts/mutation/worker.ts'), join(dir, 'worker.ts'));
  const mutants: Mutant[] = [];
  for (const file of files) {
    const { code, mutants: found } = instrument(file, readFileSync(join(ROOT, file), 'utf8'), mutants.length + 1);
    writeFileSync(join(dir, file), code);
    mutants.push(...found);
  }
  // Keys by content, not line: stable while other code in the file moves.
  const seen = new Map<string, number>();
  for (const m of mutants) {
    const base = `${m.file} ${m.mutator}: ${m.original.replace(/\s+/g, ' ').slice(0, 100)} → ${m.replacement.replace(/\s+/g, ' ').slice(0, 100)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    m.key = n === 1 ? base : `${base} (#${n})`;
  }
  return { dir, mutants };
}

async function main(): Promise<number> {
  const workers = Number(option('workers') ?? 2);
  const pattern = option('files');
  const files = TARGETS.filter((f) => !pattern || f.includes(pattern));
  const listed = parse(readFileSync(join(ROOT, 'scripts/mutation/equivalent.yaml'), 'utf8')) as { equivalent?: Equivalent[]; outsideSpec?: Equivalent[] } | null;
  const equivalents = listed?.equivalent ?? [];
  // Server policy the spec leaves to each server (not equivalent: the mock behaves differently);
  // the score is shown with them left out and raw.
  const outsideSpec = listed?.outsideSpec ?? [];
  const started = performance.now();
  const { dir, mutants } = prepare(files);
  process.stdout.write(`mutation: ${mutants.length} mutants in ${files.length} rule modules; sandbox ${dir}\n`);
  try {
    // 1. Coverage: which checks reach which mutants (and every check passes the clean mock alone).
    const reachedBy = new Map<number, string[]>();
    const broken: string[] = [];
    const ids = catalogue.map((c) => c.id);
    const slices = Array.from({ length: workers }, (_, w) => ids.filter((_, i) => i % workers === w));
    await Promise.all(
      slices.map((checks) =>
        runWorker(dir, { kind: 'coverage', checks }, (line) => {
          if (line.type !== 'coverage' || !line.check) return;
          if (line.failures?.length) broken.push(...line.failures);
          for (const id of line.hits ?? []) reachedBy.set(id, [...(reachedBy.get(id) ?? []), line.check]);
        }, 300_000),
      ),
    );
    if (broken.length > 0) {
      process.stdout.write(`the clean mock fails checks run alone; fix that first:\n  ${broken.join('\n  ')}\n`);
      return 2;
    }
    // Code that runs when its module loads is never reached by a check (it ran at import). Its
    // mutants run in a process of their own, switched on before the import, against every check
    // that reaches the module.
    const atLoad = new Set(mutants.filter((m) => m.atLoad && !reachedBy.has(m.id)).map((m) => m.id));
    for (const m of mutants) {
      if (!atLoad.has(m.id)) continue;
      const checks = [...new Set(mutants.filter((o) => o.file === m.file).flatMap((o) => reachedBy.get(o.id) ?? []))];
      if (checks.length > 0) reachedBy.set(m.id, checks);
    }
    process.stdout.write(`coverage: ${reachedBy.size} of ${mutants.length} mutants reached by some check (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);

    // 2. Mutants, each against the checks that reach it.
    const status = new Map<number, { status: Status; detail?: string }>();
    const equivalentKeys = new Map(equivalents.map((e) => [e.key, e.reason]));
    const outsideKeys = new Map(outsideSpec.map((e) => [e.key, e.reason]));
    for (const m of mutants) {
      if (equivalentKeys.has(m.key)) status.set(m.id, { status: 'equivalent', detail: equivalentKeys.get(m.key) });
      else if (outsideKeys.has(m.key)) status.set(m.id, { status: 'outside-spec', detail: outsideKeys.get(m.key) });
      else if (!reachedBy.has(m.id)) status.set(m.id, { status: 'no-coverage' });
    }
    let queue = mutants.filter((m) => !status.has(m.id)).map((m) => ({ id: m.id, checks: reachedBy.get(m.id) ?? [] }));
    let done = 0;
    const total = queue.length;
    const onLine = (line: Line): void => {
      if (line.type !== 'result' || line.id === undefined) return;
      status.set(line.id, { status: line.status === 'killed' ? 'killed' : 'survived', detail: line.killedBy });
      done += 1;
      if (done % 25 === 0) process.stdout.write(`  ${done}/${total} mutants run (${((performance.now() - started) / 60_000).toFixed(1)} min)\n`);
    };
    while (queue.length > 0) {
      // One process runs a lane's mutants in turn; a mutant of load-time code gets its own.
      const lanes = Array.from({ length: workers }, (_, w) => queue.filter((_, i) => i % workers === w));
      const jobs = (lane: typeof queue): Array<{ kind: 'mutants'; mutants: typeof queue; atLoad?: boolean }> => [
        ...(lane.some((q) => !atLoad.has(q.id)) ? [{ kind: 'mutants' as const, mutants: lane.filter((q) => !atLoad.has(q.id)) }] : []),
        ...lane.filter((q) => atLoad.has(q.id)).map((q) => ({ kind: 'mutants' as const, mutants: [q], atLoad: true })),
      ];
      const outcomes = (
        await Promise.all(
          lanes.map(async (lane) => {
            const out: Array<Awaited<ReturnType<typeof runWorker>>> = [];
            for (const job of jobs(lane)) {
              out.push(await runWorker(dir, job, onLine, 120_000));
              // A load-time mutant that breaks the import leaves no result: the package cannot even start.
              const id = job.mutants[0]?.id;
              if (job.atLoad && id !== undefined && !status.has(id)) status.set(id, { status: 'killed', detail: 'the mutant breaks the module as it loads' });
            }
            return out;
          }),
        )
      ).flat();
      // A mutant that hung its worker counts as killed (a time-out is a failure users would see); the rest go round again.
      for (const o of outcomes) {
        if (o.stalledOn !== undefined) status.set(o.stalledOn, { status: 'timeout', detail: 'the mock hung (no answer within 120 s)' });
        if (o.diedOn !== undefined) status.set(o.diedOn, { status: 'killed', detail: 'the process running the mock died' });
      }
      queue = queue.filter((q) => !status.has(q.id));
    }

    // 3. The score and the survivors.
    const count = (s: Status): number => [...status.values()].filter((v) => v.status === s).length;
    const killed = count('killed') + count('timeout');
    const equivalent = count('equivalent');
    const outside = count('outside-spec');
    const survivors = mutants.filter((m) => ['survived', 'no-coverage'].includes(status.get(m.id)?.status ?? ''));
    const score = killed / Math.max(1, mutants.length - equivalent - outside);
    const rawScore = killed / Math.max(1, mutants.length - equivalent);
    process.stdout.write(`\nsurvivors (${survivors.length}):\n`);
    for (const m of survivors) process.stdout.write(`  ${status.get(m.id)?.status === 'no-coverage' ? '[no coverage] ' : ''}${m.file}:${m.line}:${m.column}\n    key: ${m.key}\n`);
    const staleEquivalents = [...equivalents, ...outsideSpec].filter((e) => !mutants.some((m) => m.key === e.key));
    if (staleEquivalents.length > 0 && !pattern) process.stdout.write(`\nequivalent.yaml lists ${staleEquivalents.length} mutants that no longer exist:\n${staleEquivalents.map((e) => `  ${e.key}`).join('\n')}\n`);
    process.stdout.write(
      `\n${mutants.length} mutants: ${count('killed')} killed, ${count('timeout')} timed out, ${count('survived')} survived, ${count('no-coverage')} not reached, ${equivalent} equivalent, ${outside} outside the spec (server policy)\n` +
        `mutation score: ${(score * 100).toFixed(1)} % of non-equivalent mutants within the spec killed (${killed} of ${mutants.length - equivalent - outside}; goal ≥ 90 %) in ${((performance.now() - started) / 60_000).toFixed(1)} min\n` +
        `raw score, outside-the-spec mutants counted as survivors: ${(rawScore * 100).toFixed(1)} % (${killed} of ${mutants.length - equivalent})\n`,
    );
    writeFileSync(join(ROOT, 'mutation-report.json'), `${JSON.stringify({ score, rawScore, mutants: mutants.map((m) => ({ ...m, ...status.get(m.id) })) }, null, 2)}\n`);
    return score >= 0.9 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
