// Standard Webhooks signing (https://www.standardwebhooks.com): the signature is
// `v1,` + base64(HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")), where the key is
// the base64-decoded part of the `whsec_` secret. Shared by the mock's dispatcher and the
// receiver checker, so both sign exactly alike; node:crypto only (standardwebhooks is a dev dep).
import { createHmac } from 'node:crypto';

const PREFIX = 'whsec_';

/** The HMAC key of a `whsec_<base64>` secret (a bare base64 secret is accepted too, as the library does). */
export function webhookKey(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  if (key.length === 0) throw new Error('webhook secret is empty');
  return key;
}

/** `v1,<base64>` over `id.timestamp.body`. `timestampSec` is whole seconds since the epoch. */
export function signWebhook(key: Buffer, id: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', key).update(`${id}.${timestampSec}.`).update(body, 'utf8').digest('base64');
  return `v1,${mac}`;
}

export interface SignedHeaders {
  'content-type': 'application/json';
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  [name: string]: string;
}

/** The headers of one delivery attempt; a retry re-signs with its own timestamp but keeps the id. */
export function signedHeaders(secret: string, id: string, nowMs: number, body: string): SignedHeaders {
  const timestampSec = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSec),
    'webhook-signature': signWebhook(webhookKey(secret), id, timestampSec, body),
  };
}
