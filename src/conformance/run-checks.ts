// The runner: one catalogue of checks, run in order against one server, each in its own context,
// each ending in exactly one finding. A check that throws anything but CheckFailure/CheckSkipped
// (a dropped connection, a time-out) is a failure of the server, reported with its evidence.
import type { Exchange } from '../client/agent-client.js';
import { probeControl } from '../client/control-client.js';
import { rawRequest, RequestFailedError } from '../client/raw-request.js';
import { createAgentPool } from './agent-pool.js';
import { CheckFailure, CheckSkipped, type AgentMode, type Check } from './check.js';
import { createCheckContext, type RunOptions } from './check-context.js';
import { createServerClock } from './server-clock.js';
import { toCurl, toEvidence } from './evidence.js';
import { countFindings, type Finding, type RunSummary } from './findings.js';

export interface RunConfig extends RunOptions {
  checks: readonly Check[];
  modes: readonly AgentMode[];
  given?: { apiKey: string; apiSecret: string };
  /** Check ids or categories to run (default all). */
  only?: readonly string[];
  /** Check ids or categories to leave out. */
  skip?: readonly string[];
  /** Per-check time limit in ms (default 60 s). */
  checkTimeoutMs?: number;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  onCheckStart?: (check: { id: string; title: string; category: Check['category'] }) => void;
  onFinding?: (finding: Finding) => void;
}

export class ServerUnreachableError extends Error {}

const matches = (check: Check, patterns: readonly string[]): boolean =>
  patterns.some((p) => check.id === p || check.category === p || check.id.startsWith(`${p}.`));

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

export async function runChecks(config: RunConfig): Promise<RunSummary> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const signal = config.signal ?? new AbortController().signal;
  const sleep = config.sleep ?? ((ms: number) => realSleep(ms, signal));
  try {
    await rawRequest({ method: 'GET', url: `${config.baseUrl.replace(/\/$/, '')}/market`, timeoutMs: config.timeoutMs });
  } catch (error) {
    if (error instanceof RequestFailedError) throw new ServerUnreachableError(error.message);
    throw error;
  }
  const control = await probeControl(config.baseUrl);
  const clock = await createServerClock(control);
  let exchanges: Exchange[] = [];
  const pool = createAgentPool({
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    given: config.given,
    onExchange: (e) => exchanges.push(e),
    // A virtual clock never refills the registration quota by itself: move it instead of sleeping.
    waitServer: async (ms) => {
      if (control && clock.kind === 'virtual') {
        await control.advance(ms);
        await clock.sync();
      } else await sleep(ms);
    },
    now: () => clock.now(),
    signal,
  });
  const findings: Finding[] = [];
  const selected = config.checks.filter((c) => (!config.only?.length || matches(c, config.only)) && !(config.skip && matches(c, config.skip)));
  for (const mode of config.modes) {
    for (const check of selected.filter((c) => c.modes.includes(mode))) {
      if (signal.aborted) break;
      const id = config.modes.length > 1 ? `${check.id}@${mode}` : check.id;
      config.onCheckStart?.({ id, title: check.title, category: check.category });
      exchanges = [];
      const ctx = createCheckContext({ check, mode, options: config, control, clock, pool, exchanges, sleep });
      const t0 = performance.now();
      const base = { checkId: id, title: check.title, category: check.category };
      let finding: Finding;
      try {
        if (config.given && check.needs.register && !check.needs.usesGivenAgent) {
          throw new CheckSkipped('registers agents of its own; the runner does not register agents when --key is given');
        }
        const outcome = await withTimeout(check.run(ctx), config.checkTimeoutMs ?? 60_000, check.id);
        finding = { ...base, ...outcome, durationMs: performance.now() - t0 };
      } catch (error) {
        const durationMs = performance.now() - t0;
        if (error instanceof CheckSkipped) finding = { ...base, status: 'skip', message: error.message, durationMs };
        else if (signal.aborted) break;
        else {
          const failure = error instanceof CheckFailure ? error : null;
          const last = ctx.exchanges.at(-1);
          finding = {
            ...base,
            status: 'fail',
            message: failure ? failure.message : `The check could not complete: ${error instanceof Error ? error.message : String(error)}`,
            expected: failure?.expected ?? 'the exchange to complete',
            actual: failure?.actual ?? (error instanceof Error ? error.message : String(error)),
            evidence: ctx.exchanges.slice(-3).map(toEvidence),
            reproduce: last ? toCurl(last, ctx.reproduceNote) : '(no request was sent)',
            spec: check.spec,
            durationMs,
          };
        }
      }
      findings.push(finding);
      config.onFinding?.(finding);
    }
  }
  return {
    target: config.baseUrl,
    mode: config.modes.join('+'),
    startedAt,
    durationMs: performance.now() - started,
    findings,
    counts: countFindings(findings),
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, id: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${id} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
