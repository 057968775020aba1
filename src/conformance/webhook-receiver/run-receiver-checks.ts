// `nx-conformance webhook-receiver`: runs the receiver checks against someone's webhook endpoint
// and returns the same RunSummary as the server runner, so the same reporters render it.
import { performance } from 'node:perf_hooks';
import { countFindings, type CheckCategory, type Finding, type RunSummary } from '../findings.js';
import { webhookKey } from '../../mock/webhooks/sign.js';
import { receiverChecks, type ReceiverCheck, type ReceiverCheckContext } from './checks.js';
import { toEvidence } from './deliveries.js';

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
  onCheckStart?: (check: { id: string; title: string; category: CheckCategory }) => void;
  onFinding?: (finding: Finding) => void;
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

function toFinding(check: ReceiverCheck, outcome: Awaited<ReturnType<ReceiverCheck['run']>>, durationMs: number): Finding {
  const base = { checkId: check.id, title: check.title, category: 'webhooks' as const, durationMs };
  if (outcome.status !== 'fail') return { ...base, status: outcome.status, message: outcome.message };
  const { message, expected, actual, reproduce } = outcome;
  return { ...base, status: 'fail', message, expected, actual, reproduce, spec: check.spec, evidence: outcome.sent.map(toEvidence) };
}

export async function runReceiverChecks(options: RunReceiverChecksOptions): Promise<RunSummary> {
  validate(options);
  const startedAt = (options.now ?? Date.now)();
  const started = performance.now();
  const ctx: ReceiverCheckContext = {
    url: options.url,
    secret: options.secret,
    timeoutMs: options.timeoutMs ?? 10_000,
    now: options.now ?? (() => Date.now()),
    replayAcknowledged: options.replayAcknowledged ?? false,
  };
  const findings: Finding[] = [];
  const checks = receiverChecks.filter((c) => !options.only || options.only.includes(c.id));
  for (const check of checks) {
    options.onCheckStart?.({ id: check.id, title: check.title, category: 'webhooks' });
    const t = performance.now();
    const outcome = await check.run(ctx);
    // A refused connection on the very first request says nothing about the receiver's checks.
    if (findings.length === 0 && outcome.status === 'fail' && outcome.sent.every((s) => s.response === null && UNREACHABLE.has(s.error ?? ''))) {
      throw new ReceiverUnreachableError(`No receiver answers at ${options.url} (${outcome.sent[0]?.error}).`);
    }
    const finding = toFinding(check, outcome, Math.round(performance.now() - t));
    findings.push(finding);
    options.onFinding?.(finding);
  }
  return {
    target: options.url,
    mode: 'webhook-receiver',
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.round(performance.now() - started),
    findings,
    counts: countFindings(findings),
  };
}
