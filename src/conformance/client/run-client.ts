// The client-side runner: for each mode (and scenario) start a fresh mock on an ephemeral port,
// record every request unredacted in memory, register an agent, run the client with the
// credentials in its environment, then judge the recording with every check, through the one run
// loop. The result is the same RunSummary the server-side runner returns, so the same reporters
// and exit codes apply.
import type { Permission } from '../../rules/permission.js';
import type { RawRequestRecord } from '../../mock/index.js';
import { startMock } from '../../mock/index.js';
import { ALL_PERMISSIONS, type AgentMode } from '../check.js';
import { summarize, type Finding, type RunSummary } from '../findings.js';
import { runLoop, type RunUnit } from '../run-loop.js';
import { clientChecks } from './checks/index.js';
import { rerunLine, type ClientCheck, type ClientRun } from './client-check.js';
import { scrub } from './reproduce.js';
import { scenarioByName, scenarioNames, type Scenario } from './scenarios/index.js';
import { shellJoin } from './shell-join.js';
import { spawnClient } from './spawn-client.js';

export interface ClientRunOptions {
  /** The client's argv (`['python3', 'agent.py']`). */
  command: readonly string[];
  modes: readonly AgentMode[];
  /** The agent's permissions (default: all). */
  permissions?: readonly Permission[];
  /** Scenario names; each runs separately, after a plain run (the baseline). */
  scenarios?: readonly string[];
  /** With scenarios, run the plain baseline too (default true, as `--scenario` documents). */
  baseline?: boolean;
  /** Prefix of the environment variables (default `NX_`: NX_BASE_URL, NX_API_KEY, …). */
  envPrefix?: string;
  /** Per run, in ms (default 60 000). */
  timeoutMs?: number;
  /** Requests per minute per agent (default: the mock's 60). */
  rateLimit?: number;
  seed?: number;
  cwd?: string;
  /** The client's output, one line at a time, its secret already scrubbed. */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Called before each run with e.g. 'live', 'sandbox/rate-limit-storm'. */
  onRunStart?: (label: string) => void;
  /** Called after each run with how the client ended. */
  onRunEnd?: (label: string, exit: ClientRun['exit'], requests: number) => void;
  onFinding?: (finding: Finding) => void;
  signal?: AbortSignal;
  /** Skips and partials make the verdict 'fail' (--strict). */
  strict?: boolean;
}

export const ENV_NAMES = ['BASE_URL', 'API_KEY', 'API_SECRET', 'MODE'] as const;

export class UnknownScenarioError extends Error {
  constructor(names: readonly string[]) {
    super(`unknown scenario ${names.join(', ')}; known: ${scenarioNames.join(', ')}`);
  }
}

export async function runClientChecks(options: ClientRunOptions): Promise<RunSummary> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const unknown = (options.scenarios ?? []).filter((n) => !scenarioByName(n));
  if (unknown.length > 0) throw new UnknownScenarioError(unknown);
  // null is the plain run: always without scenarios, and first with them unless baseline: false.
  const chosen = (options.scenarios ?? []).map((n) => scenarioByName(n) ?? null);
  const picked: (Scenario | null)[] = chosen.length === 0 || options.baseline !== false ? [null, ...chosen] : chosen;
  const signal = options.signal ?? new AbortController().signal;

  // Records one run of the client per mode and scenario, then yields the checks that judge it.
  async function* units(): AsyncGenerator<RunUnit> {
    for (const mode of options.modes) {
      for (const scenario of picked) {
        if (signal.aborted) return;
        const label = [mode, ...(scenario ? [scenario.name] : [])].join('/');
        options.onRunStart?.(label);
        const run = await recordRun(options, mode, scenario);
        options.onRunEnd?.(label, run.exit, run.requests.length);
        for (const check of [...clientChecks, ...(scenario ? [scenario.check] : [])]) yield judgeUnit(check, run);
      }
    }
  }

  const loop = await runLoop(units(), { signal, onFinding: options.onFinding });
  return summarize({
    kind: 'client',
    target: `client: ${shellJoin(options.command)}`,
    modes: options.modes,
    startedAt,
    durationMs: performance.now() - started,
    findings: loop.findings,
    strict: options.strict,
    interrupted: loop.interrupted,
  });
}

async function recordRun(options: ClientRunOptions, mode: AgentMode, scenario: Scenario | null): Promise<ClientRun> {
  const requests: RawRequestRecord[] = [];
  const mock = await startMock({
    port: 0,
    seed: options.seed,
    rateLimit: options.rateLimit,
    demoAgents: false,
    onRequest: (raw) => requests.push(raw),
    ...scenario?.mockOptions?.(),
  });
  try {
    const permissions = options.permissions ?? ALL_PERMISSIONS;
    const { agent, apiSecret } = mock.ctx.engine.registerAgent({ name: 'client-under-test', permissions, mode, ...scenario?.agentOptions });
    const registered = { agentId: agent.agentId, apiKey: agent.apiKey, apiSecret, permissions };
    scenario?.setup?.(mock, registered);
    const prefix = options.envPrefix ?? 'NX_';
    const values = [mock.baseUrl, agent.apiKey, apiSecret, mode];
    const env = Object.fromEntries(ENV_NAMES.map((name, i) => [`${prefix}${name}`, values[i] ?? '']));
    const timeoutMs = options.timeoutMs ?? 60_000;
    const exit = await spawnClient({
      command: options.command,
      env,
      timeoutMs,
      cwd: options.cwd,
      signal: options.signal,
      onLine: (line, stream) => options.onOutput?.(scrub(line, apiSecret), stream),
    });
    await mock.close(1_000);
    requests.sort((a, b) => a.receivedAt - b.receivedAt);
    const faultHits = mock.ctx.faults.list().reduce((sum, f) => sum + f.hits, 0);
    return { command: options.command, mode, scenario: scenario?.name ?? null, agent: registered, requests, exit, timeoutMs, faultHits };
  } finally {
    await mock.close(1_000);
  }
}

/** One check over one recorded run, as a unit of the run loop. */
export function judgeUnit(check: ClientCheck, run: ClientRun): RunUnit {
  return {
    check,
    mode: run.mode,
    ...(run.scenario ? { scenario: run.scenario } : {}),
    // A check that throws is a bug of ours: the loop reports it as a failure, never silently green.
    run: async () => check.run(run),
    evidence: () => ({ evidence: [], reproduce: rerunLine(run) }),
  };
}
