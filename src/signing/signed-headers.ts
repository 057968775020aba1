import type { Buffer } from 'node:buffer';
import { signRequest } from './sign-request.js';

/**
 * The three authentication headers for one request, for callers that have the request target
 * they are about to send (path relative to /v1/agent, possibly with a query string).
 *
 * The query string is stripped here because clients naturally hold "/market?coins=bitcoin",
 * and signing it is the most common mistake; everything else is left to signRequest's guards.
 * The timestamp is derived from `now` once, so the header and the signed value cannot differ
 * (calling the clock twice is a classic way to get an intermittent invalid_signature).
 */
export function signedHeaders({
  apiKey,
  secret,
  method,
  path,
  body = '',
  now = Date.now(),
}: {
  apiKey: string;
  secret: string;
  method: string;
  path: string;
  body?: Buffer | string;
  now?: number;
}): { 'X-NX-Key': string; 'X-NX-Signature': string; 'X-NX-Timestamp': string } {
  if (!Number.isSafeInteger(now) || now < 0) {
    throw new Error(`signedHeaders: now must be a non-negative integer of milliseconds, got ${String(now)}.`);
  }
  const queryStart = path.indexOf('?');
  const signedPath = queryStart === -1 ? path : path.slice(0, queryStart);
  const timestamp = String(now);
  return {
    'X-NX-Key': apiKey,
    'X-NX-Signature': signRequest({ secret, timestamp, method, path: signedPath, body }),
    'X-NX-Timestamp': timestamp,
  };
}
