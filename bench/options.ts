// Command-line flags of `npm run bench` and the sizes each profile runs with.
//   (none)           the full run: 10 s per HTTP measurement, 100k orders, 5 start-ups
//   --quick          the same parts with short measurements (under a minute in all)
//   --quick --smoke  tiny everything (a few seconds), so CI can prove the bench still runs
//   --cpu-prof       run the mock's HTTP child under --cpu-prof (profiles in bench/results/profiles)
//   --only=a,b       run only these parts: http, engine, memory, startup, runner, state
//   --strict         exit 1 when a target is missed (default: only broken scenarios fail)

export type Part = 'http' | 'engine' | 'memory' | 'startup' | 'runner' | 'state';
export const ALL_PARTS: readonly Part[] = ['http', 'engine', 'memory', 'startup', 'runner', 'state'];

export interface BenchProfile {
  name: 'full' | 'quick' | 'smoke';
  connections: number;
  /** Seconds of load per measurement, after warmupS seconds that are thrown away. */
  durationS: number;
  warmupS: number;
  /** The measured seconds are split into this many rounds that alternate the servers. */
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
  cpuProf: boolean;
  strict: boolean;
}

const PROFILES: Record<BenchProfile['name'], BenchProfile> = {
  full: { name: 'full', connections: 32, durationS: 12, warmupS: 2, httpRounds: 3, engineSizes: [1_000, 10_000, 100_000], engineProbe: 2_000, memoryOrders: 100_000, memoryAgents: 10_000, journalSize: 1_000, startupRuns: 5, stateAgents: 10_000, stateOrders: 100_000 },
  quick: { name: 'quick', connections: 32, durationS: 2, warmupS: 0.5, httpRounds: 2, engineSizes: [1_000, 10_000, 100_000], engineProbe: 1_000, memoryOrders: 100_000, memoryAgents: 10_000, journalSize: 1_000, startupRuns: 5, stateAgents: 10_000, stateOrders: 100_000 },
  smoke: { name: 'smoke', connections: 32, durationS: 0.2, warmupS: 0, httpRounds: 1, engineSizes: [1_000, 5_000], engineProbe: 200, memoryOrders: 5_000, memoryAgents: 500, journalSize: 100, startupRuns: 1, stateAgents: 200, stateOrders: 2_000 },
};

export function parseOptions(argv: readonly string[]): BenchOptions {
  const known = new Set(['--quick', '--smoke', '--cpu-prof', '--strict']);
  let parts: readonly Part[] = ALL_PARTS;
  for (const arg of argv) {
    if (arg.startsWith('--only=')) {
      const wanted = arg.slice('--only='.length).split(',');
      const bad = wanted.filter((p) => !ALL_PARTS.includes(p as Part));
      if (bad.length > 0) throw new Error(`unknown part(s) ${bad.join(', ')}; parts: ${ALL_PARTS.join(', ')}`);
      parts = wanted as Part[];
    } else if (!known.has(arg)) {
      throw new Error(`unknown flag ${arg}; flags: --quick, --smoke, --cpu-prof, --strict, --only=${ALL_PARTS.join(',')}`);
    }
  }
  const name = argv.includes('--smoke') ? 'smoke' : argv.includes('--quick') ? 'quick' : 'full';
  return { profile: PROFILES[name], parts, cpuProf: argv.includes('--cpu-prof'), strict: argv.includes('--strict') };
}
