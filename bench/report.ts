// The printed table, the targets (PASS/MISS) and the JSON written to bench/results/.
import type { EngineResult } from './engine.js';
import type { HttpScenarioResult } from './http.js';
import type { MemoryResult } from './memory.js';
import type { RunnerResult } from './runner.js';
import type { StartupResult } from './startup.js';
import type { StateBenchResult } from './state.js';
import { formatSpread } from './stats.js';

export interface BenchResults {
  http?: HttpScenarioResult[];
  engine?: EngineResult;
  memory?: MemoryResult;
  startup?: StartupResult;
  runner?: RunnerResult;
  state?: StateBenchResult;
  /** os.loadavg() when the bench started and when it ended: the figures are only as good as the machine was quiet. */
  loadBefore?: number[];
  loadAfter?: number[];
  /** Parts that threw, with the error message. */
  errors: Record<string, string>;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  pass: boolean | null;
}

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function targetsOf(r: BenchResults): Target[] {
  const targets: Target[] = [];
  const scenario = (id: string) => r.http?.find((s) => s.id === id);
  const ratio = (id: string, min: number, label: string) => {
    const s = scenario(id);
    targets.push({ name: `${label} throughput mock/bare Express (median of rounds)`, goal: `≥ ${min}`, measured: s ? formatSpread(s.throughputRatio) : 'not run', pass: s ? s.throughputRatio.median >= min : null });
  };
  ratio('market', 0.7, 'GET /market');
  ratio('orders', 0.6, 'POST /orders (signed)');
  for (const s of r.http ?? []) {
    targets.push({ name: `${s.name}: p99 mock/bare Express`, goal: '≤ 1.5', measured: `${formatSpread(s.p99Ratio)} (${f1(s.mock.p99)} vs ${f1(s.express.p99)} ms)`, pass: s.p99Ratio.median <= 1.5 });
  }
  targets.push({ name: 'start-up to first GET /market (median)', goal: '< 400 ms', measured: r.startup ? `${f0(r.startup.medianMs)} ms` : 'not run', pass: r.startup ? r.startup.medianMs < 400 : null });
  const m = r.memory;
  targets.push({ name: `RSS with ${m ? f0(m.orders) : '100k'} orders + ${m ? f0(m.agents) : '10k'} agents`, goal: '< 200 MB', measured: m ? `${f1(m.rssOrdersMb)} MB` : 'not run', pass: m ? m.rssOrdersMb < 200 : null });
  targets.push({ name: 'journal cap holds', goal: `size = capacity`, measured: m ? `${m.journal.size}/${m.journal.capacity} after ${m.journal.sent}` : 'not run', pass: m ? m.journal.capHolds : null });
  const st = r.state;
  targets.push({ name: 'POST /orders (signed) throughput with --state / without (median of rounds)', goal: '≥ 0.5', measured: st ? `${formatSpread(st.orders.ratio)} (${f0(st.orders.state.rps)} vs ${f0(st.orders.memory.rps)} req/s)` : 'not run', pass: st ? st.orders.ratio.median >= 0.5 : null });
  targets.push({
    name: `start-up on a state file of ${st ? f0(st.startup.agents) : '10k'} agents + ${st ? f0(st.startup.orders) : '100k'} orders (median)`,
    goal: '< 1 s',
    measured: st ? `${f0(st.startup.state.medianMs)} ms (${f0(st.startup.state.medianCpuMs)} ms CPU)` : 'not run',
    pass: st ? st.startup.state.medianMs < 1_000 : null,
  });
  const e = r.engine;
  const first = e?.sizes[0];
  const last = e?.sizes[e.sizes.length - 1];
  targets.push({
    name: `engine per-order cost ${last ? f0(last.size) : '100k'}/${first ? f0(first.size) : '1k'}`,
    goal: '≤ 3×',
    measured: e ? `${f2(e.placeRatio)}×` : 'not run',
    pass: e ? e.placeRatio <= 3 : null,
  });
  return targets;
}

export function render(r: BenchResults, targets: Target[], profile: string): string {
  const out: string[] = [];
  if (r.http) {
    out.push(`HTTP (${profile}; autocannon, 32 connections, servers in child processes; the load generator shares the 2 cores with the server: compare ratios)`);
    const rows: string[][] = [];
    for (const s of r.http) {
      for (const [label, st] of [['mock', s.mock], ['bare Express 5', s.express], ['bare node:http', s.node]] as const) {
        const statuses = Object.entries(st.statuses).map(([c, n]) => `${c}×${n}`).join(' ');
        rows.push([label === 'mock' ? s.name : `  ${label}`, label === 'mock' ? 'mock' : '', f0(st.rps), f1(st.p50), f1(st.p99), f0(st.cpuUsPerReq), `${st.non2xx}`, statuses]);
      }
      rows.push([`  ratio mock/Express`, '', formatSpread(s.throughputRatio), '', formatSpread(s.p99Ratio), `${formatSpread(s.cpuRatio)}*`, '', s.failure ? `FAILED: ${s.failure}` : '']);
    }
    out.push(table(['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'non-2xx', 'statuses'], rows));
    out.push('  Ratios: the median of the interleaved rounds (min–max of the rounds in brackets).');
    out.push('  * Express CPU per request / mock CPU per request: the throughput ratio the server would reach on a core of its own.');
    for (const s of r.http) {
      if (Object.keys(s.mockProblems).length > 0) out.push(`  ${s.name}: mock non-2xx from its journal: ${JSON.stringify(s.mockProblems)}`);
    }
  }
  for (const s of r.http ?? []) {
    if (!s.profile) continue;
    const p = s.profile;
    out.push('', `Profile of the mock under ${s.name}: ${p.file} (${f0(p.busyMs)} ms busy, idle ${f1(p.idleShare * 100)} % of the run); self time, share of busy time:`);
    out.push(table(['function', 'share', 'self ms'], p.top.map((h) => [h.name, `${f1(h.share * 100)} %`, f0(h.selfMs)])));
  }
  if (r.engine) {
    out.push('', 'Engine (no HTTP; one BTC book of resting limit buys)');
    out.push(table(['resting orders', 'place µs/order', 'fill µs/fill', 'fills timed'], r.engine.sizes.map((s) => [f0(s.size), f2(s.placeUs), f2(s.fillUs), f0(s.fills)])));
    out.push(`  ratio largest/smallest: place ${f2(r.engine.placeRatio)}×, fill ${f2(r.engine.fillRatio)}×`);
  }
  if (r.memory) {
    const m = r.memory;
    out.push('', `Memory (child process, --expose-gc: ${m.gcExposed ? 'yes' : 'NO'})`);
    out.push(table(['state', 'RSS MB'], [['mock loaded, idle', f1(m.rssBaselineMb)], [`+ ${f0(m.agents)} agents`, f1(m.rssAgentsMb)], [`+ ${f0(m.orders)} orders (heap ${f1(m.heapOrdersMb)} MB)`, f1(m.rssOrdersMb)]]));
    out.push(`  journal: ${m.journal.sent} requests of 20 kB into a journal of ${m.journal.capacity}: size ${m.journal.size}, heap +${f1(m.journal.heapGrowthMb)} MB`);
  }
  if (r.startup) out.push('', `Start-up (node bin/nx-conformance.js mock --port 0 → first 200 GET /market): median ${f0(r.startup.medianMs)} ms of [${r.startup.runs.map(f0).join(', ')}]; the banner after ${f0(r.startup.bannerMedianMs)} ms; the mock's CPU by the first 200: median ${f0(r.startup.medianCpuMs)} ms of [${r.startup.cpuRuns.map(f0).join(', ')}]${r.startup.built ? ' (built dist/ first)' : ''}`);
  if (r.state) {
    const s = r.state;
    out.push('', 'State file (--state; SQLite WAL, synchronous=NORMAL)');
    out.push(table(['measure', 'without --state', 'with --state', 'ratio'], [
      ['signed POST /orders req/s', f0(s.orders.memory.rps), f0(s.orders.state.rps), formatSpread(s.orders.ratio)],
      ['  p99 ms', f1(s.orders.memory.p99), f1(s.orders.state.p99), ''],
      ['  server CPU µs/req', f0(s.orders.memory.cpuUsPerReq), f0(s.orders.state.cpuUsPerReq), `${formatSpread(s.orders.cpuRatio)}*`],
      [`start-up, ms (median of ${s.startup.state.runs.length})`, f0(s.startup.plain.medianMs), f0(s.startup.state.medianMs), ''],
      ['  of which the mock\'s CPU, ms', f0(s.startup.plain.medianCpuMs), f0(s.startup.state.medianCpuMs), ''],
    ]));
    out.push('  Ratios: with / without, the median of the interleaved rounds (min–max in brackets); * CPU per request without / with.');
    out.push(`  the file: ${f0(s.startup.agents)} agents, ${f0(s.startup.orders)} orders, ${f1(s.startup.fileMb)} MB, written in ${f0(s.startup.buildMs)} ms; start-ups alternate with and without it`);
  }
  if (r.runner) out.push('', `Runner: ${r.runner.checks} checks of the catalogue against a local mock in ${f0(r.runner.wallMs)} ms (${JSON.stringify(r.runner.counts)})`);
  for (const [part, message] of Object.entries(r.errors)) out.push('', `ERROR in ${part}: ${message}`);
  const load = (l?: number[]) => (l ? l.map(f2).join(' ') : 'n/a');
  out.push('', `Load average (1, 5, 15 min) at the start: ${load(r.loadBefore)}; at the end: ${load(r.loadAfter)}`);
  out.push('', profile === 'smoke' ? 'Targets (smoke run: tiny sizes and durations, the verdicts mean nothing)' : 'Targets');
  out.push(table(['target', 'goal', 'measured', ''], targets.map((t) => [t.name, t.goal, t.measured, t.pass === null ? '-' : t.pass ? 'PASS' : 'MISS'])));
  return out.join('\n');
}
