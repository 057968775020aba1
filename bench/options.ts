// Command-line flags of `npm run bench` and the sizes each profile runs with.
//   (none)           the full run: 5 interleaved rounds of 3 s per server and HTTP scenario,
//                    100k orders, 7 start-ups
//   --quick          the same parts with short measurements (3 rounds of 1 s)
//   --quick --smoke  tiny everything (a few seconds), so CI can prove the bench still runs
//   --profile        after each HTTP scenario's measured rounds, one more run with the mock's CPU
//                    profiler on: bench/results/profiles/<scenario>.cpuprofile, and the ten
//                    hottest functions printed (--cpu-prof is the old name, still accepted)
//   --only=a,b       run only these parts: http, engine, memory, startup, runner, state
//   --scenarios=a,b  run only these HTTP scenarios: market, portfolio, orders
//   --strict         exit 1 when a target is missed (default: only broken scenarios fail)

export type Part = 'http' | 'engine' | 'memory' | 'startup' | 'runner' | 'state';
export const ALL_PARTS: readonly Part[] = ['http', 'engine', 'memory', 'startup', 'runner', 'state'];

export interface BenchProfile {
  name: 'full' | 'quick' | 'smoke';
  connections: number;
  /** Seconds of load per measurement, after warmupS seconds that are thrown away. */
  durationS: number;
  warmupS: number;
  /** The measured seconds are split into this many rounds that alternate the servers (ratios are their median). */
  httpRounds: number;
  /** Book sizes for the engine scaling part; the first and the last are compared. */
  engineSizes: number[];
  /** Extra orders timed on top of each book size (and crossing fills timed per size). */
  engineProbe: number;
  memoryOrders: number;
  memoryAgents: number;
  /** Journal capacity for the cap check (1.5 × as many requests are sent). */
  journalSize: number;
  startupRuns: number;
  /** The state file the --state start-up is measured on. */
  stateAgents: number;
  stateOrders: number;
}

export interface BenchOptions {
  profile: BenchProfile;
  parts: readonly Part[];
  /** Profile the mock under each HTTP scenario (--profile). */
  cpuProfile: boolean;
  strict: boolean;
  /** HTTP scenario ids to run (all when absent). */
  scenarios?: readonly string[];
}

const PROFILES: Record<BenchProfile['name'], BenchProfile> = {
  full: { name: 'full', connections: 32, durationS: 15, warmupS: 2, httpRounds: 5, engineSizes: [1_000, 10_000, 100_000], engineProbe: 2_000, memoryOrders: 100_000, memoryAgents: 10_000, journalSize: 1_000, startupRuns: 7, stateAgents: 10_000, stateOrders: 100_000 },
  quick: { name: 'quick', connections: 32, durationS: 3, warmupS: 0.5, httpRounds: 3, engineSizes: [1_000, 10_000, 100_000], engineProbe: 1_000, memoryOrders: 100_000, memoryAgents: 10_000, journalSize: 1_000, startupRuns: 5, stateAgents: 10_000, stateOrders: 100_000 },
  smoke: { name: 'smoke', connections: 32, durationS: 0.2, warmupS: 0, httpRounds: 1, engineSizes: [1_000, 5_000], engineProbe: 200, memoryOrders: 5_000, memoryAgents: 500, journalSize: 100, startupRuns: 1, stateAgents: 200, stateOrders: 2_000 },
};

export function parseOptions(argv: readonly string[]): BenchOptions {
  const known = new Set(['--quick', '--smoke', '--profile', '--cpu-prof', '--strict']);
  let parts: readonly Part[] = ALL_PARTS;
  let scenarios: readonly string[] | undefined;
  for (const arg of argv) {
    if (arg.startsWith('--scenarios=')) {
      scenarios = arg.slice('--scenarios='.length).split(',');
    } else if (arg.startsWith('--only=')) {
      const wanted = arg.slice('--only='.length).split(',');
      const bad = wanted.filter((p) => !ALL_PARTS.includes(p as Part));
      if (bad.length > 0) throw new Error(`unknown part(s) ${bad.join(', ')}; parts: ${ALL_PARTS.join(', ')}`);
      parts = wanted as Part[];
    } else if (!known.has(arg)) {
      throw new Error(`unknown flag ${arg}; flags: --quick, --smoke, --profile, --strict, --only=${ALL_PARTS.join(',')}, --scenarios=market,portfolio,orders`);
    }
  }
  const name = argv.includes('--smoke') ? 'smoke' : argv.includes('--quick') ? 'quick' : 'full';
  return { profile: PROFILES[name], parts, cpuProfile: argv.includes('--profile') || argv.includes('--cpu-prof'), strict: argv.includes('--strict'), scenarios };
}
