// `nx-conformance webhook-receiver`: runs the receiver checks against someone's webhook endpoint
// and returns the same RunSummary as the server runner, so the same reporters render it.
import { performance } from 'node:perf_hooks';
import { summarize, type Finding, type RunSummary } from '../findings.js';
import { webhookKey } from '../../mock/webhooks/sign.js';
import { runLoop, type StartedCheck } from '../run-loop.js';
import { receiverChecks, type ReceiverCheckContext } from './checks.js';

export interface RunReceiverChecksOptions {
  url: string;
  /** The receiver's `whsec_` secret. */
  secret: string;
  /** Per-request time-out in ms (default 10 000, the exchange's own). */
  timeoutMs?: number;
  replayAcknowledged?: boolean;
  /** Check ids to run (default all). */
  only?: readonly string[];
  now?: () => number;
  onCheckStart?: (check: StartedCheck) => void;
  onFinding?: (finding: Finding) => void;
  signal?: AbortSignal;
  /** Skips and partials make the verdict 'fail' (--strict). */
  strict?: boolean;
}

/** Bad --url or --secret: a usage error (exit 2). */
export class ReceiverUsageError extends Error {}

/** Nothing listens at the URL: the run cannot say anything about the receiver (exit 2). */
export class ReceiverUnreachableError extends Error {}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

function validate(options: RunReceiverChecksOptions): void {
  let protocol = '';
  try {
    protocol = new URL(options.url).protocol;
  } catch {
    throw new ReceiverUsageError(`--url ${JSON.stringify(options.url)} is not a URL`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new ReceiverUsageError(`--url must be http or https, got ${protocol}`);
  if (!/^whsec_[A-Za-z0-9+/=]+$/.test(options.secret)) throw new ReceiverUsageError('--secret must be a whsec_<base64> secret, as POST /webhooks returns');
  webhookKey(options.secret);
}

/** Anything answering at the URL, with any status, is reachable; a refused connection is not (exit 2). */
async function reachable(url: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
    if (UNREACHABLE.has(code)) throw new ReceiverUnreachableError(`No receiver answers at ${url} (${code}); start it, or correct --url.`);
  }
}

export async function runReceiverChecks(options: RunReceiverChecksOptions): Promise<RunSummary> {
  validate(options);
  const startedAt = (options.now ?? Date.now)();
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  await reachable(options.url, timeoutMs, options.signal);
  // One context for the whole run: the replay check repeats the delivery the first check got accepted.
  const ctx: ReceiverCheckContext = {
    url: options.url,
    secret: options.secret,
    timeoutMs,
    now: options.now ?? (() => Date.now()),
    replayAcknowledged: options.replayAcknowledged ?? false,
  };
  const checks = receiverChecks.filter((c) => !options.only || options.only.includes(c.id));
  // Checks run one at a time, so the shared context carries the running check's signal.
  const units = checks.map((check) => ({
    check: { ...check, category: 'webhooks' as const },
    run: (signal: AbortSignal) => {
      ctx.signal = signal;
      return check.run(ctx);
    },
  }));
  const loop = await runLoop(units, { signal: options.signal, onCheckStart: options.onCheckStart, onFinding: options.onFinding });
  return summarize({
    kind: 'webhook-receiver',
    target: options.url,
    modes: [],
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.round(performance.now() - started),
    findings: loop.findings,
    strict: options.strict,
    interrupted: loop.interrupted,
  });
}
