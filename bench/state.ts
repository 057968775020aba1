// --state: what the state file costs.
//   - signed POST /orders (market, live) against the same mock with and without --state, in
//     alternating rounds of one run: the throughput ratio of each pair of rounds, reported as
//     the median of the rounds with their spread (target ≥ 0.5);
//   - start-up of the compiled CLI on a state file with 10 000 agents and 100 000 orders, to the
//     first 200 GET /market, alternating with a start without --state (target < 1 s), with the
//     CPU time the mock used (the wall time an idle machine would show).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './build.js';
import { spawnReady, runToEnd } from './child.js';
import { failureOf, headersFor, SCENARIOS, type HttpScenario } from './http.js';
import { combine, runLoad, type LoadStats } from './load.js';
import type { MockServerInfo } from './mock-server-info.js';
import type { BenchProfile } from './options.js';
import { startToFirstMarket } from './startup.js';
import { median, spreadOf, type Spread } from './stats.js';

export interface StateBenchResult {
  /** memory/state: the rounds combined; ratio and cpuRatio: per pair of rounds (with / without). */
  orders: { memory: LoadStats; state: LoadStats; ratio: Spread; cpuRatio: Spread; failure: string | null };
  startup: {
    agents: number;
    orders: number;
    fileMb: number;
    buildMs: number;
    state: { medianMs: number; medianCpuMs: number; runs: number[] };
    plain: { medianMs: number; medianCpuMs: number; runs: number[] };
  };
}

async function throughput(profile: BenchProfile, dir: string, log: (line: string) => void): Promise<StateBenchResult['orders']> {
  const scenario = SCENARIOS.find((s) => s.id === 'orders') as HttpScenario;
  await ensureBuilt(log, 'state');
  const memory = await spawnReady<MockServerInfo>('bench/mock-server.mjs', []);
  const state = await spawnReady<MockServerInfo>('bench/mock-server.mjs', ['--state', join(dir, 'throughput.db')]);
  const servers = [['without', memory], ['with', state]] as const;
  const spec = (info: MockServerInfo) => ({
    url: info.url,
    method: scenario.method,
    path: `/v1/agent${scenario.apiPath}`,
    body: scenario.body,
    headers: headersFor(scenario, info.agents[scenario.agent]),
    connections: profile.connections,
  });
  try {
    if (profile.warmupS > 0) for (const [, s] of servers) await runLoad({ ...spec(s.info), durationS: profile.warmupS });
    // Alternating rounds: load from elsewhere on the machine hits both alike.
    const rounds: Record<'without' | 'with', LoadStats[]> = { without: [], with: [] };
    for (let r = 0; r < profile.httpRounds; r++) {
      // Which goes first alternates too, so a drift in the machine's load favours neither.
      for (const [name, s] of r % 2 === 0 ? servers : [...servers].reverse()) {
        log(`  state: signed POST /orders ${name} --state, round ${r + 1}/${profile.httpRounds} …`);
        rounds[name].push(await runLoad({ ...spec(s.info), durationS: profile.durationS / profile.httpRounds, serverPid: s.child.pid }));
      }
    }
    const m = combine(rounds.without);
    const s = combine(rounds.with);
    const failure = failureOf('mock with --state', s) ?? failureOf('mock without --state', m);
    const perRound = (f: (withState: LoadStats, without: LoadStats) => number): Spread =>
      spreadOf(rounds.with.map((w, i) => f(w, rounds.without[i] as LoadStats)));
    return { memory: m, state: s, ratio: perRound((w, o) => w.rps / o.rps), cpuRatio: perRound((w, o) => o.cpuUsPerReq / w.cpuUsPerReq), failure };
  } finally {
    await memory.stop();
    await state.stop();
  }
}

async function startup(profile: BenchProfile, dir: string, log: (line: string) => void): Promise<StateBenchResult['startup']> {
  const file = join(dir, 'startup.db');
  log(`  state: writing a state file with ${profile.stateAgents} agents and ${profile.stateOrders} orders …`);
  const out = await runToEnd(process.execPath, ['--import', 'tsx', 'bench/make-state-file.ts', file, String(profile.stateAgents), String(profile.stateOrders)], 600_000);
  const made = JSON.parse(out.slice(out.indexOf('READY ') + 'READY '.length)) as { agents: number; orders: number; bytes: number; buildMs: number };
  const clock = ['--clock', 'virtual:2026-01-05T12:00:00Z'];
  const plain: Array<{ ms: number; cpuMs: number }> = [];
  const state: Array<{ ms: number; cpuMs: number }> = [];
  for (let r = 0; r < profile.startupRuns; r++) {
    plain.push(await startToFirstMarket(clock, 120_000));
    state.push(await startToFirstMarket(['--state', file, ...clock], 120_000));
    log(`  state: start-up ${r + 1}/${profile.startupRuns}: ${Math.round(state.at(-1)?.ms ?? 0)} ms with the file, ${Math.round(plain.at(-1)?.ms ?? 0)} ms without`);
  }
  const summary = (xs: typeof plain) => ({ medianMs: median(xs.map((x) => x.ms)), medianCpuMs: median(xs.map((x) => x.cpuMs)), runs: xs.map((x) => x.ms) });
  return { agents: made.agents, orders: made.orders, fileMb: made.bytes / 1e6, buildMs: made.buildMs, state: summary(state), plain: summary(plain) };
}

export async function runStateBench(profile: BenchProfile, log: (line: string) => void): Promise<StateBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'nx-bench-state-'));
  try {
    return { orders: await throughput(profile, dir, log), startup: await startup(profile, dir, log) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
