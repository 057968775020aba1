// npm run verdicts [-- --runs 20 --no-load --only NAME]: the proof that the catalogue gives no false
// failures. It runs the whole catalogue against correct servers that look like the ones users have:
// the mock on a real clock with latency faults on every operation (a remote server) or a slow
// GET /market (the rate-limit path), without the control API (with and without --slow), and behind
// the validating proxy; N runs of each, with two CPU hogs (`yes`) running beside them unless
// --no-load. Any failure is a false failure; any skip or partial a scenario does not expect is
// reported too. Exit 1 when there was any. Too slow for `npm test` (minutes), so a script.
import { spawn, type ChildProcess } from 'node:child_process';
import { createControlClient } from '../src/client/control-client.js';
import { catalogue } from '../src/conformance/catalogue.js';
import { findingLabel, type RunSummary } from '../src/conformance/findings.js';
import { startProxy } from '../src/conformance/proxy/index.js';
import { runChecks } from '../src/conformance/run-checks.js';
import { startMock, type StartMockOptions } from '../src/mock/http/start-mock.js';

interface Scenario {
  name: string;
  what: string;
  mock: StartMockOptions;
  /** Faults injected through the control API before the run. */
  faults?: Array<Record<string, unknown>>;
  slow?: boolean;
  proxied?: boolean;
  /** Findings that are not a pass by design here (`status check [mode]`). */
  expected: string[];
}

const REAL_CLOCK = ['skip timestamp.window-edges-exact [live]', 'skip breaker.daily-loss-resets [live]'];
/** A moving market: which book side an order takes, exactly, needs the market to stand still. */
const MOVING_MARKET = 'partial orders.book-walk [sandbox]';

const SCENARIOS: Scenario[] = [
  {
    name: 'real-25ms',
    what: 'real clock, control API, 25 ms latency on every operation',
    mock: {},
    faults: [{ operationId: '*', kind: 'latency', latencyMs: 25 }],
    expected: ['skip rate-limit.recovers-after-retry-after [sandbox]', MOVING_MARKET, ...REAL_CLOCK],
  },
  {
    name: 'real-200ms-market',
    what: 'real clock, control API, 200 ms latency on GET /market (every burst takes > 1 s)',
    mock: {},
    faults: [{ operationId: 'getMarket', kind: 'latency', latencyMs: 200 }],
    expected: ['skip rate-limit.recovers-after-retry-after [sandbox]', MOVING_MARKET, ...REAL_CLOCK],
  },
  {
    name: 'no-control',
    what: 'real clock, no control API',
    mock: { control: false },
    expected: ['skip rate-limit.recovers-after-retry-after [sandbox]', MOVING_MARKET, 'skip timestamp.window-edges-exact [live]', 'partial breaker.daily-loss-latches [live]', 'skip breaker.daily-loss-resets [live]'],
  },
  {
    name: 'no-control-slow',
    what: 'real clock, no control API, --slow',
    mock: { control: false },
    slow: true,
    expected: [MOVING_MARKET, 'skip timestamp.window-edges-exact [live]', 'partial breaker.daily-loss-latches [live]', 'skip breaker.daily-loss-resets [live]'],
  },
  {
    name: 'proxy',
    what: 'virtual clock behind the validating proxy',
    mock: { clock: 'virtual:2026-01-05T12:00:00Z' },
    proxied: true,
    expected: [],
  },
];

interface Tally {
  runs: number;
  clean: number;
  falseFailures: string[];
  unexpected: string[];
  durations: number[];
}

async function runOnce(s: Scenario): Promise<RunSummary> {
  const mock = await startMock({ port: 0, ...s.mock });
  const proxy = s.proxied ? await startProxy({ target: mock.url }) : undefined;
  try {
    for (const fault of s.faults ?? []) await createControlClient(mock.url).injectFault(fault);
    return await runChecks({ baseUrl: proxy?.baseUrl ?? mock.baseUrl, checks: catalogue, modes: ['sandbox', 'live'], allowLiveOrders: true, slow: s.slow ?? false, timeoutMs: 30_000, seed: 42 });
  } finally {
    await proxy?.close();
    await mock.close();
  }
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function main(): Promise<number> {
  const runs = Number(option('runs') ?? 20);
  const only = option('only');
  const load = !process.argv.includes('--no-load');
  const hogs: ChildProcess[] = load ? [spawn('yes', [], { stdio: 'ignore' }), spawn('yes', [], { stdio: 'ignore' })] : [];
  const stopHogs = (): void => hogs.forEach((h) => h.kill());
  process.once('exit', stopHogs);
  const scenarios = SCENARIOS.filter((s) => !only || s.name === only);
  process.stdout.write(`verdicts: ${runs} runs of the whole catalogue (${catalogue.length} checks) per scenario${load ? ', two CPU hogs running' : ''}\n`);
  const tallies = new Map<string, Tally>();
  try {
    for (const s of scenarios) {
      const t: Tally = { runs: 0, clean: 0, falseFailures: [], unexpected: [], durations: [] };
      tallies.set(s.name, t);
      process.stdout.write(`\n${s.name}: ${s.what}\n`);
      for (let i = 1; i <= runs; i++) {
        const summary = await runOnce(s);
        const notPassed = summary.findings.filter((f) => f.status !== 'pass');
        const failures = notPassed.filter((f) => f.status === 'fail').map((f) => `run ${i}: ${findingLabel(f)}: ${f.message}`);
        const unexpected = notPassed.filter((f) => f.status !== 'fail' && !s.expected.includes(`${f.status} ${findingLabel(f)}`)).map((f) => `run ${i}: ${f.status} ${findingLabel(f)}: ${f.message}`);
        t.runs += 1;
        t.durations.push(summary.durationMs);
        t.falseFailures.push(...failures);
        t.unexpected.push(...unexpected);
        if (failures.length === 0 && unexpected.length === 0) t.clean += 1;
        process.stdout.write(`  run ${String(i).padStart(2)}: ${summary.counts.pass} passed, ${summary.counts.fail} failed, ${summary.counts.partial} partial, ${summary.counts.skip} skipped in ${(summary.durationMs / 1000).toFixed(1)} s${failures.length + unexpected.length > 0 ? '  ✗' : ''}\n`);
        for (const line of [...failures, ...unexpected]) process.stdout.write(`      ${line}\n`);
      }
    }
  } finally {
    stopHogs();
  }
  process.stdout.write('\nscenario            runs  clean  false failures  unexpected  median s  max s\n');
  let bad = 0;
  for (const [name, t] of tallies) {
    const sorted = [...t.durations].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    bad += t.falseFailures.length + t.unexpected.length;
    process.stdout.write(
      `${name.padEnd(20)}${String(t.runs).padStart(4)}${String(t.clean).padStart(7)}${String(t.falseFailures.length).padStart(16)}${String(t.unexpected.length).padStart(12)}${(median / 1000).toFixed(1).padStart(10)}${((sorted.at(-1) ?? 0) / 1000).toFixed(1).padStart(7)}\n`,
    );
  }
  return bad === 0 ? 0 : 1;
}

process.exitCode = await main();
