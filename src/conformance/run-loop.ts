// The one run loop of every runner (server, client, webhook receiver): checks run one at a time,
// each under its own AbortSignal. A check that overruns its time is aborted, and every request it
// sends after that fails at once (its clients carry the signal), so it cannot go on sending into
// the next check. Ctrl-C aborts the run's signal: the loop stops and says it was interrupted.
import { CheckFailure, CheckSkipped, type AgentMode, type Outcome } from './outcome.js';
import type { CheckCategory, Evidence, Finding } from './findings.js';

export interface CheckInfo {
  id: string;
  title: string;
  category: CheckCategory;
  /** The spec text the check enforces (shown with failures). */
  spec: string;
  /** Requirement ids it covers. */
  requirements?: readonly string[];
}

export interface RunUnit {
  check: CheckInfo;
  mode?: AgentMode;
  scenario?: string;
  /** Runs the check; everything it sends must carry `signal`, so that aborting stops it. */
  run(signal: AbortSignal): Promise<Outcome>;
  /** Evidence and a reproduction for a failure that came without them (server: its exchanges). */
  evidence?(): { evidence: Evidence[]; reproduce: string };
}

export interface StartedCheck {
  id: string;
  title: string;
  category: CheckCategory;
  mode?: AgentMode;
  scenario?: string;
}

export interface LoopOptions {
  /** Per-check time limit in ms (default 60 s). */
  checkTimeoutMs?: number;
  /** How long an aborted check may take to unwind before the next one starts (default 2 s). */
  graceMs?: number;
  signal?: AbortSignal;
  onCheckStart?: (check: StartedCheck) => void;
  onFinding?: (finding: Finding) => void;
}

export interface LoopResult {
  findings: Finding[];
  /** The run's signal was aborted before every unit had run. */
  interrupted: boolean;
}

/** The reason a check's signal is aborted when it overruns its time. */
export class CheckTimeoutError extends Error {
  constructor(
    readonly checkId: string,
    readonly timeoutMs: number,
  ) {
    super(`${checkId} did not finish within ${timeoutMs} ms; it was stopped and its requests aborted`);
    this.name = 'CheckTimeoutError';
  }
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs the units in order. `units` may be async (the client runner records a run of the client
 * before yielding the checks that judge it).
 */
export async function runLoop(units: Iterable<RunUnit> | AsyncIterable<RunUnit>, options: LoopOptions = {}): Promise<LoopResult> {
  const runSignal = options.signal ?? new AbortController().signal;
  const findings: Finding[] = [];
  for await (const unit of units) {
    if (runSignal.aborted) return { findings, interrupted: true };
    const { check } = unit;
    options.onCheckStart?.({ id: check.id, title: check.title, category: check.category, ...where(unit) });
    const started = performance.now();
    const outcome = await runOne(unit, runSignal, options);
    // A check cut short by Ctrl-C has no verdict: it is left out, and the run says "interrupted".
    if (outcome === null) return { findings, interrupted: true };
    const finding = toFinding(unit, outcome, performance.now() - started);
    findings.push(finding);
    options.onFinding?.(finding);
  }
  return { findings, interrupted: runSignal.aborted };
}

function where(unit: RunUnit): { mode?: AgentMode; scenario?: string } {
  const out: { mode?: AgentMode; scenario?: string } = {};
  if (unit.mode !== undefined) out.mode = unit.mode;
  if (unit.scenario !== undefined) out.scenario = unit.scenario;
  return out;
}

/** The unit's outcome, or null when the run was interrupted while it ran. */
async function runOne(unit: RunUnit, runSignal: AbortSignal, options: LoopOptions): Promise<Outcome | null> {
  const timeoutMs = options.checkTimeoutMs ?? 60_000;
  const controller = new AbortController();
  const onRunAbort = (): void => controller.abort(runSignal.reason);
  runSignal.addEventListener('abort', onRunAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new CheckTimeoutError(unit.check.id, timeoutMs)), timeoutMs);
  try {
    return await settle(unit.run(controller.signal), controller.signal, options.graceMs ?? 2_000);
  } catch (error) {
    if (runSignal.aborted) return null;
    if (error instanceof CheckSkipped) return { status: 'skip', message: error.message, ...(error.blockedBy ? { blockedBy: error.blockedBy } : {}) };
    if (error instanceof CheckFailure) return { status: 'fail', message: error.message, expected: error.expected, actual: error.actual };
    const reason = controller.signal.reason instanceof CheckTimeoutError ? controller.signal.reason : error;
    return {
      status: 'fail',
      message: reason instanceof CheckTimeoutError ? reason.message : `The check could not complete: ${message(error)}`,
      expected: reason instanceof CheckTimeoutError ? `the check to finish within ${timeoutMs} ms` : 'the exchange to complete',
      actual: message(reason),
    };
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onRunAbort);
  }
}

/**
 * The check's result; once `signal` aborts, rejects with its reason after the check has unwound
 * (its aborted requests reject at once) or after `graceMs`, whichever comes first, so that a
 * check never runs on beside the next one unless it ignores its signal for longer than that.
 */
function settle<T>(work: Promise<T>, signal: AbortSignal, graceMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      const grace = setTimeout(() => finish(() => reject(signal.reason)), graceMs);
      const unwound = (): void => {
        clearTimeout(grace);
        finish(() => reject(signal.reason));
      };
      work.then(unwound, unwound);
    };
    // Once aborted, the check's own result no longer counts (onAbort settles with the reason).
    work.then(
      (value) => {
        if (!signal.aborted) finish(() => resolve(value));
      },
      (error: unknown) => {
        if (!signal.aborted) finish(() => reject(error));
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

function toFinding(unit: RunUnit, outcome: Outcome, durationMs: number): Finding {
  const { check } = unit;
  const base = { checkId: check.id, title: check.title, category: check.category, ...where(unit), durationMs, ...(check.requirements ? { requirements: [...check.requirements] } : {}) };
  const form = outcome.status === 'skip' || outcome.form === undefined ? {} : { form: outcome.form };
  switch (outcome.status) {
    case 'pass':
      return { ...base, ...form, status: 'pass', message: outcome.message };
    case 'partial':
      return { ...base, ...form, status: 'partial', message: outcome.message, untested: outcome.untested, howToTest: outcome.howToTest };
    case 'skip':
      return { ...base, status: 'skip', message: outcome.message, ...(outcome.blockedBy ? { blockedBy: outcome.blockedBy } : {}) };
    case 'fail': {
      const recorded = outcome.evidence === undefined || outcome.reproduce === undefined ? unit.evidence?.() : undefined;
      return {
        ...base,
        ...form,
        status: 'fail',
        message: outcome.message,
        expected: outcome.expected,
        actual: outcome.actual,
        evidence: outcome.evidence ?? recorded?.evidence ?? [],
        reproduce: outcome.reproduce ?? recorded?.reproduce ?? '(no request was sent)',
        spec: check.spec,
      };
    }
  }
}
