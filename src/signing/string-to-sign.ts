import { Buffer } from 'node:buffer';

/**
 * The exact bytes that are HMAC'd: UTF-8(timestamp + METHOD + path) followed by the raw body bytes.
 *
 * Deliberately pure and literal: no validation, no path normalising, no JSON handling. Guards
 * against caller mistakes live in signRequest; the verifier and the diagnostics need this
 * function to reproduce exactly what a (possibly faulty) client signed.
 *
 * The body is concatenated as bytes rather than as a string so that a Buffer body is signed
 * byte-for-byte (invalid UTF-8 and all), exactly as it went over the wire.
 */
export function stringToSign({
  timestamp,
  method,
  path,
  body,
}: {
  timestamp: string;
  method: string;
  path: string;
  body: Buffer | string;
}): Buffer {
  // Upper-casing here (not only in the signer) means a server that received "post" from a
  // sloppy proxy still computes the canonical form; HTTP methods are case-sensitive tokens,
  // but every Agent Connect method is upper-case.
  const prefix = Buffer.from(`${timestamp}${method.toUpperCase()}${path}`, 'utf8');
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([prefix, bodyBytes]);
}
