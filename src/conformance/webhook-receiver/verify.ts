// Standard Webhooks verification with node:crypto, as a receiver should do it: signature over the
// raw bytes received, constant-time comparison against each `v1,` entry, then the timestamp window.
// Runtime code cannot use the standardwebhooks package (a dev dependency); the tests hold this
// to the package's behaviour.
import { timingSafeEqual } from 'node:crypto';
import { signWebhook, webhookKey } from '../../mock/webhooks/sign.js';

/** Standard Webhooks' default tolerance: a timestamp more than 5 min off either way is refused. */
export const TOLERANCE_SEC = 5 * 60;

export type VerifyFailure = 'missing_headers' | 'bad_signature' | 'stale_timestamp';
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

export interface VerifyInput {
  secret: string;
  headers: Record<string, string | string[] | undefined>;
  /** Exactly the bytes received (never a re-serialisation of the parsed JSON). */
  body: string;
  nowSec: number;
  toleranceSec?: number;
}

/** One check of a delivery whose headers are present: the failure, or null. */
export type WebhookCheck = (input: VerifyInput, headers: { id: string; timestamp: string; signatures: string }) => VerifyFailure | null;

const header = (headers: VerifyInput['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** A `v1,` entry of webhook-signature is the HMAC of id.timestamp.body (constant-time compare). */
export const signatureCheck: WebhookCheck = (input, { id, timestamp, signatures }) => {
  const expected = Buffer.from(signWebhook(webhookKey(input.secret), id, Number(timestamp), input.body).slice(3), 'base64');
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : 'bad_signature';
};

/** webhook-timestamp within the tolerance of the receiver's clock. */
export const timestampCheck: WebhookCheck = (input, { timestamp }) =>
  Math.abs(input.nowSec - Number(timestamp)) > (input.toleranceSec ?? TOLERANCE_SEC) ? 'stale_timestamp' : null;

export const WEBHOOK_CHECKS: readonly WebhookCheck[] = [signatureCheck, timestampCheck];

export function verifyWebhook(input: VerifyInput, checks: readonly WebhookCheck[] = WEBHOOK_CHECKS): VerifyResult {
  const id = header(input.headers, 'webhook-id');
  const timestamp = header(input.headers, 'webhook-timestamp');
  const signatures = header(input.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
  for (const check of checks) {
    const failure = check(input, { id, timestamp, signatures });
    if (failure) return { ok: false, reason: failure };
  }
  return { ok: true };
}
