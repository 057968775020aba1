// HTTP throughput and latency: each scenario against the mock and, on the same settings in the
// same run, against a bare Express 5 handler and a bare node:http handler that answer with the
// body captured from the mock. Servers run in child processes; autocannon runs here. Rounds
// alternate the servers, and each ratio is the median over the rounds, with their spread.
import { signedHeaders } from '../src/signing/index.js';
import type { BareRoute, BareServerInfo } from './bare-server.js';
import { ensureBuilt } from './build.js';
import { spawnReady } from './child.js';
import { profileScenario } from './http-profile.js';
import { combine, runLoad, type LoadStats } from './load.js';
import type { BenchAgent, MockServerInfo } from './mock-server-info.js';
import type { BenchProfile } from './options.js';
import type { ProfileSummary } from './profile-top.js';
import { spreadOf, type Spread } from './stats.js';

export interface HttpScenario {
  id: 'market' | 'portfolio' | 'orders';
  name: string;
  method: 'GET' | 'POST';
  /** Path relative to /v1/agent (what is signed). */
  apiPath: string;
  agent: keyof MockServerInfo['agents'];
  sign: boolean;
  body?: string;
}

export const SCENARIOS: readonly HttpScenario[] = [
  { id: 'market', name: 'GET /market (sandbox key)', method: 'GET', apiPath: '/market', agent: 'reader', sign: false },
  { id: 'portfolio', name: 'GET /portfolio (live, signed)', method: 'GET', apiPath: '/portfolio', agent: 'portfolio', sign: true },
  {
    id: 'orders',
    name: 'POST /orders market (live, signed)',
    method: 'POST',
    apiPath: '/orders',
    agent: 'trader',
    sign: true,
    body: JSON.stringify({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.00001, price: null }),
  },
];

export interface HttpScenarioResult {
  id: HttpScenario['id'];
  name: string;
  /** All rounds of each server together. */
  node: LoadStats;
  express: LoadStats;
  mock: LoadStats;
  /** mock rps / bare Express rps, per round. */
  throughputRatio: Spread;
  /** bare Express CPU per request / mock CPU per request (the throughput ratio on a core of its own), per round. */
  cpuRatio: Spread;
  /** mock p99 / bare Express p99, per round. */
  p99Ratio: Spread;
  /** Non-2xx answers of the mock by `status code` (from its journal, last 1000 requests). */
  mockProblems: Record<string, number>;
  /** Why the scenario's numbers can't be trusted (non-2xx or socket errors over 1 %), or null. */
  failure: string | null;
  /** With --profile: the mock's hottest functions under this scenario's load. */
  profile?: ProfileSummary;
}

export const headersFor = (scenario: HttpScenario, agent: BenchAgent) => (): Record<string, string> =>
  scenario.sign
    ? signedHeaders({ apiKey: agent.apiKey, secret: agent.apiSecret, method: scenario.method, path: scenario.apiPath, body: scenario.body ?? '', now: Date.now() })
    : { 'X-NX-Key': agent.apiKey };

async function capture(mock: MockServerInfo, scenario: HttpScenario): Promise<BareRoute> {
  const headers = headersFor(scenario, mock.agents[scenario.agent])();
  const res = await fetch(`${mock.baseUrl}${scenario.apiPath}`, {
    method: scenario.method,
    headers: scenario.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: scenario.body,
  });
  const body = await res.text();
  if (res.status >= 300) throw new Error(`capturing ${scenario.name}: the mock answered ${res.status} ${body}`);
  return { method: scenario.method, path: `/v1/agent${scenario.apiPath}`, status: res.status, body };
}

async function journalProblems(mock: MockServerInfo): Promise<Record<string, number>> {
  const res = await fetch(`${mock.url}/__nx/journal?limit=1000`);
  const { data } = (await res.json()) as { data: Array<{ status: number; code: string | null }> };
  const out: Record<string, number> = {};
  for (const e of data) {
    if (e.status < 300) continue;
    const key = `${e.status} ${e.code ?? ''}`.trim();
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export function failureOf(label: string, s: LoadStats): string | null {
  const sent = s.requests + s.errors;
  if (sent === 0) return `${label}: no responses at all`;
  if (s.non2xx / sent > 0.01) return `${label}: ${s.non2xx} of ${sent} answers were not 2xx (${JSON.stringify(s.statuses)})`;
  if (s.errors / sent > 0.01) return `${label}: ${s.errors} socket errors/timeouts of ${sent}`;
  return null;
}

const perRound = (mock: LoadStats[], bare: LoadStats[], f: (m: LoadStats, b: LoadStats) => number): Spread =>
  spreadOf(mock.map((m, i) => f(m, bare[i] as LoadStats)));

export async function runHttpBench(profile: BenchProfile, log: (line: string) => void, cpuProfile: boolean, only?: readonly string[]): Promise<HttpScenarioResult[]> {
  const scenarios = only === undefined ? SCENARIOS : SCENARIOS.filter((s) => only.includes(s.id));
  if (scenarios.length === 0) throw new Error(`no HTTP scenario is called ${only?.join(', ')}; scenarios: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  await ensureBuilt(log, 'http');
  const mock = await spawnReady<MockServerInfo>('bench/mock-server.mjs', [], { ipc: cpuProfile });
  let bare: Awaited<ReturnType<typeof spawnReady<BareServerInfo>>> | undefined;
  try {
    const routes: BareRoute[] = [];
    for (const s of scenarios) routes.push(await capture(mock.info, s));
    bare = await spawnReady<BareServerInfo>('bench/bare-server.ts', [JSON.stringify(routes)]);
    const results: HttpScenarioResult[] = [];
    for (const scenario of scenarios) {
      const agent = mock.info.agents[scenario.agent];
      const spec = {
        method: scenario.method,
        path: `/v1/agent${scenario.apiPath}`,
        body: scenario.body,
        headers: headersFor(scenario, agent),
        connections: profile.connections,
        durationS: profile.durationS / profile.httpRounds,
      };
      log(`  http: ${scenario.name} …`);
      const targets = { node: bare.info.node, express: bare.info.express, mock: mock.info.url } as const;
      const pids = { node: bare.child.pid, express: bare.child.pid, mock: mock.child.pid };
      if (profile.warmupS > 0) {
        for (const url of Object.values(targets)) await runLoad({ ...spec, url, durationS: profile.warmupS });
      }
      // Rounds alternate the three servers, so a burst of load from elsewhere hits all of them.
      const rounds: Record<keyof typeof targets, LoadStats[]> = { node: [], express: [], mock: [] };
      for (let r = 0; r < profile.httpRounds; r++) {
        for (const [name, url] of Object.entries(targets) as Array<[keyof typeof targets, string]>) rounds[name].push(await runLoad({ ...spec, url, serverPid: pids[name] }));
      }
      const mockStats = combine(rounds.mock);
      const expressStats = combine(rounds.express);
      const node = combine(rounds.node);
      const mockProblems = mockStats.non2xx > 0 ? await journalProblems(mock.info) : {};
      const failure = failureOf('mock', mockStats) ?? failureOf('bare Express', expressStats) ?? failureOf('bare node:http', node);
      const result: HttpScenarioResult = {
        id: scenario.id,
        name: scenario.name,
        node,
        express: expressStats,
        mock: mockStats,
        throughputRatio: perRound(rounds.mock, rounds.express, (m, b) => m.rps / b.rps),
        cpuRatio: perRound(rounds.mock, rounds.express, (m, b) => b.cpuUsPerReq / m.cpuUsPerReq),
        p99Ratio: perRound(rounds.mock, rounds.express, (m, b) => m.p99 / Math.max(b.p99, 1)),
        mockProblems,
        failure,
      };
      if (cpuProfile) {
        log(`  http: profiling the mock under ${scenario.name} …`);
        result.profile = await profileScenario(mock, { ...spec, url: mock.info.url }, scenario.id);
      }
      results.push(result);
    }
    return results;
  } finally {
    await bare?.stop();
    const code = await mock.stop();
    if (code !== 0) log(`  http: the mock child exited with ${String(code)}`);
  }
}
