// What an invalid_signature problem may echo of a string to sign: its first 1 KiB as UTF-8 text,
// its whole length and its SHA-256. Echoing all of it cost a server megabytes per bad request (a
// 1 MiB body of control characters is 6 MB of JSON); the hash still lets a client compare exactly.
import type { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';

/** Bytes of a string to sign shown as text; the rest is summed up by length and hash. */
export const ECHO_BYTES = 1024;

export interface SignedStringEcho {
  /** The first ECHO_BYTES bytes as UTF-8 text (a character cut at the end is dropped), then '…' if clipped. */
  text: string;
  /** The whole string's length in bytes. */
  length: number;
  /** Lowercase hex SHA-256 of the whole string. */
  sha256: string;
}

export function clipUtf8(bytes: Buffer, max = ECHO_BYTES): string {
  if (bytes.length <= max) return bytes.toString('utf8');
  // Step back to a character boundary: continuation bytes are 10xxxxxx.
  let end = max;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString('utf8')}…`;
}

export function echoSignedString(bytes: Buffer): SignedStringEcho {
  return { text: clipUtf8(bytes), length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
