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
  /** Seeded defects of the reference receiver only: skip one of the two checks. */
  skipSignature?: boolean;
  skipTimestamp?: boolean;
}

const header = (headers: VerifyInput['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function verifyWebhook(input: VerifyInput): VerifyResult {
  const id = header(input.headers, 'webhook-id');
  const timestamp = header(input.headers, 'webhook-timestamp');
  const signatures = header(input.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
  const expected = Buffer.from(signWebhook(webhookKey(input.secret), id, Number(timestamp), input.body).slice(3), 'base64');
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches && !input.skipSignature) return { ok: false, reason: 'bad_signature' };
  const skew = input.nowSec - Number(timestamp);
  if (!input.skipTimestamp && Math.abs(skew) > (input.toleranceSec ?? TOLERANCE_SEC)) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}
