// `npm run bench [-- --quick] [-- --smoke] [-- --profile] [-- --only=http,engine] [-- --strict]`
// Runs the parts in order, prints one table, writes bench/results/latest.json (smoke runs write
// bench/results/smoke.json, so they never replace a real measurement).
// Exit 1 when a part breaks (an error, a scenario with > 1 % non-2xx, a journal over its cap);
// a missed target only fails the run with --strict (timings on a shared 2-core machine are noisy).
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { runEngineBench } from './engine.js';
import { runHttpBench } from './http.js';
import { PROFILE_DIR } from './http-profile.js';
import { runMemoryBench } from './memory.js';
import { parseOptions, type Part } from './options.js';
import { render, targetsOf, type BenchResults } from './report.js';
import { runRunnerBench } from './runner.js';
import { runStartupBench } from './startup.js';
import { runStateBench } from './state.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const { profile } = options;
  const started = Date.now();
  const results: BenchResults = { errors: {} };
  const part = async (name: Part, fn: () => Promise<void>) => {
    if (!options.parts.includes(name)) return;
    const t0 = Date.now();
    log(`bench: ${name} …`);
    try {
      await fn();
    } catch (error) {
      results.errors[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    log(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  if (options.cpuProfile) mkdirSync(PROFILE_DIR, { recursive: true });
  results.loadBefore = loadavg();
  await part('http', async () => {
    results.http = await runHttpBench(profile, log, options.cpuProfile, options.scenarios);
  });
  await part('engine', async () => {
    results.engine = runEngineBench(profile.engineSizes, profile.engineProbe);
  });
  await part('memory', async () => {
    results.memory = await runMemoryBench(profile.memoryOrders, profile.memoryAgents, profile.journalSize, log);
  });
  await part('startup', async () => {
    results.startup = await runStartupBench(profile.startupRuns, log);
  });
  await part('runner', async () => {
    results.runner = await runRunnerBench();
  });
  await part('state', async () => {
    results.state = await runStateBench(profile, log);
  });

  results.loadAfter = loadavg();
  const targets = targetsOf(results);
  process.stdout.write(`\n${render(results, targets, profile.name)}\n`);
  const broken = [
    ...Object.keys(results.errors).map((p) => `${p} threw`),
    ...(results.http ?? []).filter((s) => s.failure).map((s) => `${s.name}: ${s.failure}`),
    ...(results.memory && !results.memory.journal.capHolds ? ['the journal grew past its cap'] : []),
    ...(results.state?.orders.failure ? [`state: ${results.state.orders.failure}`] : []),
  ];
  const missed = targets.filter((t) => t.pass === false);

  mkdirSync('bench/results', { recursive: true });
  const file = profile.name === 'smoke' ? 'bench/results/smoke.json' : 'bench/results/latest.json';
  const json = {
    profile: profile.name,
    startedAt: new Date(started).toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    node: process.version,
    cpus: availableParallelism(),
    results,
    targets,
    broken,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\nwrote ${file} (${json.wallSeconds.toFixed(1)} s)\n`);
  if (broken.length > 0) {
    process.stderr.write(`\nBENCH BROKEN:\n  ${broken.join('\n  ')}\n`);
    return 1;
  }
  if (options.strict && missed.length > 0) {
    process.stderr.write(`\n${missed.length} target(s) missed (--strict)\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
