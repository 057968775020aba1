import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { SIGNATURE_PATTERN } from './constants.js';
import { hmacSha256 } from './hmac-sha256.js';
import { stringToSign } from './string-to-sign.js';

/**
 * Server-side check of X-NX-Signature. Returns false (never throws) for anything that is not the
 * canonical lowercase-hex HMAC of the request, so a hostile header cannot turn into a 500.
 *
 * Only the canonical form is accepted: upper-case hex and base64 are rejected (and named by
 * diagnoseSignature) so there is exactly one valid signature per request.
 */
export function verifySignature({
  secret,
  timestamp,
  method,
  path,
  body,
  signature,
}: {
  secret: string;
  timestamp: string;
  method: string;
  path: string;
  body: Buffer | string;
  signature: string;
}): boolean {
  // The format check depends only on the attacker-supplied value, never on the expected MAC,
  // so returning early here leaks nothing; it also guarantees equal lengths for timingSafeEqual.
  if (typeof signature !== 'string' || !SIGNATURE_PATTERN.test(signature)) return false;
  try {
    const expected = hmacSha256(secret, stringToSign({ timestamp, method, path, body }));
    const received = Buffer.from(signature, 'hex');
    // Compare the 32-byte digests in constant time: a byte-by-byte early-exit comparison would
    // let a client discover a valid signature one byte at a time from response timings.
    return received.length === expected.length && timingSafeEqual(received, expected);
  } catch {
    // Non-string inputs from a misbehaving caller (e.g. undefined headers) end up here.
    return false;
  }
}
