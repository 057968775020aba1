import type { Buffer } from 'node:buffer';
import { SIGNING_BASE_PATH, TIMESTAMP_PATTERN } from './constants.js';
import { hmacSha256 } from './hmac-sha256.js';
import { stringToSign } from './string-to-sign.js';

/**
 * The X-NX-Signature value for one request: lowercase hex HMAC-SHA256 over stringToSign(...).
 *
 * Unlike stringToSign, this is the function clients call, so it refuses inputs that can only
 * produce a signature the server will reject. Throwing here turns a confusing 401 from the
 * server into an immediate, local error that names the mistake.
 */
export function signRequest({
  secret,
  timestamp,
  method,
  path,
  body,
}: {
  secret: string;
  timestamp: string;
  method: string;
  path: string;
  body: Buffer | string;
}): string {
  if (secret.length === 0) {
    // HMAC accepts an empty key, so without this an unset environment variable signs "fine".
    throw new Error('signRequest: secret is empty; pass the apiSecret issued with your API key.');
  }
  if (!TIMESTAMP_PATTERN.test(timestamp)) {
    throw new Error(
      `signRequest: timestamp ${JSON.stringify(timestamp)} is not 1-16 decimal digits; ` +
        'send milliseconds since the Unix epoch, e.g. String(Date.now()).',
    );
  }
  if (!/^[A-Za-z]+$/.test(method)) {
    throw new Error(`signRequest: method ${JSON.stringify(method)} is not an HTTP method name.`);
  }
  if (path.includes('?')) {
    throw new Error(
      `signRequest: path ${JSON.stringify(path)} contains a query string; the query is not signed. ` +
        `Sign ${JSON.stringify(path.slice(0, path.indexOf('?')))} (signedHeaders strips it for you).`,
    );
  }
  if (path === SIGNING_BASE_PATH || path.startsWith(`${SIGNING_BASE_PATH}/`)) {
    throw new Error(
      `signRequest: path ${JSON.stringify(path)} includes ${SIGNING_BASE_PATH}; sign the path relative to it: ` +
        `${JSON.stringify(path.slice(SIGNING_BASE_PATH.length) || '/')}.`,
    );
  }
  if (!path.startsWith('/')) {
    throw new Error(`signRequest: path ${JSON.stringify(path)} must start with '/', e.g. '/orders'.`);
  }
  return hmacSha256(secret, stringToSign({ timestamp, method, path, body })).toString('hex');
}
