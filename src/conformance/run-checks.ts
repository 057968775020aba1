// The server runner: the catalogue, run in order against one server through the one run loop,
// each check in its own context, each ending in exactly one finding per agent mode. A check that
// throws anything but CheckFailure/CheckSkipped (a dropped connection, a time-out) is a failure of
// the server, reported with its evidence.
import { createAgentPool } from './agent-pool.js';
import { CheckSkipped, type AgentMode, type Check } from './check.js';
import { createCheckContext, type CheckContext, type RunOptions, type WaitNotice } from './check-context.js';
import { recipeOf, toCurl, toEvidence, type RecordedExchange } from './evidence.js';
import { summarize, type Finding, type RunSummary } from './findings.js';
import { preflight, type PreflightOptions } from './preflight/preflight.js';
import { runLoop, type RunUnit, type StartedCheck } from './run-loop.js';

export interface RunConfig extends RunOptions {
  checks: readonly Check[];
  modes: readonly AgentMode[];
  given?: { apiKey: string; apiSecret: string } | undefined;
  /** Check ids or categories to run (default all). */
  only?: readonly string[] | undefined;
  /** Check ids or categories to leave out. */
  skip?: readonly string[] | undefined;
  /** Per-check time limit in ms (default 60 s). */
  checkTimeoutMs?: number;
  /** Skips and partials make the verdict 'fail' (--strict). */
  strict?: boolean;
  signal?: AbortSignal;
  /** Waits on the wall clock (tests inject a fake); must reject when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onCheckStart?: (check: StartedCheck) => void;
  onFinding?: (finding: Finding) => void;
  /** Called before every wait on the server's clock, with what is awaited and for how long. */
  onWait?: WaitNotice;
  preflight?: Pick<PreflightOptions, 'clockToleranceMs'>;
}

export { ServerUnreachableError, PreflightError } from './preflight/preflight-error.js';

export const matchesCheck = (check: Pick<Check, 'id' | 'category'>, patterns: readonly string[]): boolean =>
  patterns.some((p) => check.id === p || check.category === p || check.id.startsWith(`${p}.`));

export const realSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

export async function runChecks(config: RunConfig): Promise<RunSummary> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const runSignal = config.signal ?? new AbortController().signal;
  const sleep = config.sleep ?? realSleep;
  const selected = config.checks.filter((c) => (!config.only?.length || matchesCheck(c, config.only)) && !(config.skip && matchesCheck(c, config.skip)));
  const ready = await preflight({ baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, given: config.given, signal: runSignal, ...config.preflight });
  const { control, clock } = ready;
  let current: AbortSignal | undefined;
  let currentCtx: CheckContext | undefined;
  const pool = createAgentPool({
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    given: config.given,
    onExchange: (e) => currentCtx?.record(e),
    // A virtual clock never refills a quota by itself: move it instead of sleeping.
    waitServer: async (ms, what) => {
      if (control && clock.kind === 'virtual') {
        await control.advance(ms);
        await clock.sync();
        return;
      }
      config.onWait?.(what, ms);
      await sleep(ms, current ?? runSignal);
    },
    now: () => clock.now(),
    signal: () => current,
  });

  function* units(): Generator<RunUnit> {
    for (const mode of config.modes) {
      for (const check of selected.filter((c) => c.modes.includes(mode))) {
        let ctx: CheckContext | undefined;
        yield {
          check,
          mode,
          run: async (signal) => {
            current = signal;
            ctx = createCheckContext({ check, mode, options: config, control, clock, pool, exchanges: [], signal, sleep, onWait: config.onWait });
            currentCtx = ctx;
            const blocked = ready.blocks(check);
            if (blocked) throw new CheckSkipped(blocked.message, blocked.by);
            if (config.given && check.needs.register && !check.needs.usesGivenAgent) {
              throw new CheckSkipped('registers agents of its own; the runner does not register agents when --key is given');
            }
            return check.run(ctx);
          },
          evidence: () => {
            const recorded = ctx?.exchanges ?? [];
            const last = recorded.at(-1);
            if (!last) return { evidence: [], reproduce: '(no request was sent)' };
            const options = { signing: recipeOf(last), prelude: (last as RecordedExchange).prelude, ...(clock.kind === 'real' ? { realClock: { offsetMs: clock.offsetMs } } : {}) };
            return { evidence: recorded.slice(-3).map(toEvidence), reproduce: toCurl(last, ctx?.reproduceNote, options) };
          },
        };
      }
    }
  }

  // Pre-flight findings (a server clock far off, …) come first: the checks they block refer to them.
  for (const f of ready.findings) config.onFinding?.(f);
  const loop = await runLoop(units(), {
    checkTimeoutMs: config.checkTimeoutMs,
    signal: runSignal,
    onCheckStart: config.onCheckStart,
    onFinding: config.onFinding,
  });
  return summarize({
    kind: 'server',
    target: config.baseUrl,
    modes: config.modes,
    startedAt,
    durationMs: performance.now() - started,
    findings: [...ready.findings, ...loop.findings],
    strict: config.strict,
    interrupted: loop.interrupted,
  });
}
