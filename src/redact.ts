// Redaction shared by the mock's journal and log, the conformance reports and the proxy: secrets
// (API secrets, webhook secrets, signatures, most of each API key) never leave the process in
// anything we print. Always redact the whole text first and clip afterwards: clipping first can
// cut a credential in two and leave both halves unrecognisable (src/redaction/scrub.ts).
import { REDACTED, redactKey, scrubPath, scrubQuery, scrubText, scrubValue } from './redaction/scrub.js';
import type { SecretIndex } from './redaction/secret-index.js';

export { redactKey, REDACTED };
export { SecretIndex } from './redaction/secret-index.js';

const MAX_BODY_CHARS = 4096;
// Only this much of a long body is redacted (the rest is never shown): a unit cut off at the end
// is still judged, and every run of a known secret in it is still found.
const SCAN_CHARS = MAX_BODY_CHARS + 1024;

const HIDDEN_HEADERS = new Set(['x-nx-signature', 'authorization', 'proxy-authorization', 'webhook-signature', 'cookie', 'set-cookie']);
const CREDENTIAL_NAME = /secret|token|password|signature/i;

export function redactHeaders(headers: Record<string, string | string[] | undefined>, index?: SecretIndex): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    out[lower] = redactHeader(lower, Array.isArray(value) ? value.join(', ') : value, index);
  }
  return out;
}

/** True when every value of the header (by its lower-case name) is redacted whole, whatever it says. */
export function isHiddenHeader(lowerName: string): boolean {
  return HIDDEN_HEADERS.has(lowerName) || CREDENTIAL_NAME.test(lowerName);
}

/** One header's value, by its lower-case name. */
export function redactHeader(lowerName: string, value: string, index?: SecretIndex): string {
  if (isHiddenHeader(lowerName)) return REDACTED;
  return scrubValue(lowerName === 'x-nx-key' ? redactKey(value) : value, index);
}

/** All redactBody() needs of a body, to keep for later: its beginning (a copy) and its length. */
export interface BodyWindow {
  text: string;
  length: number;
}

export function bodyWindow(text: string): BodyWindow {
  return { text: text.length > SCAN_CHARS ? copied(text.slice(0, SCAN_CHARS)) : text, length: text.length };
}

/** A body as shown in a journal or a report: redacted whole, then clipped to 4 096 characters. */
export function redactBody(body: string | BodyWindow, index?: SecretIndex): string {
  const { text: window, length } = typeof body === 'string' ? { text: body.length > SCAN_CHARS ? body.slice(0, SCAN_CHARS) : body, length: body.length } : body;
  const clean = scrubText(window, index);
  const shown = clean.length > MAX_BODY_CHARS ? clean.slice(0, MAX_BODY_CHARS) : clean;
  const hidden = length - window.length + clean.length - shown.length;
  return hidden > 0 ? copied(`${shown}…[${hidden} more chars]`) : shown;
}

/**
 * A copy of s that holds no reference to a longer string: V8 keeps a slice as a view of its whole
 * parent, so a journal entry clipped from a 1 MiB body would keep all of it alive. Slicing a
 * concatenation flattens it into new memory first (a well-known V8 idiom).
 */
function copied(s: string): string {
  return ` ${s}`.slice(1);
}

/** Free text (a log line, an error message): string literals and words judged one by one. */
export function redactText(text: string, index?: SecretIndex): string {
  return scrubText(text, index);
}

/** A request target (`/path?query`): path segments and query parameters judged one by one. */
export function redactTarget(target: string, index?: SecretIndex): string {
  const q = target.indexOf('?');
  return q === -1 ? scrubPath(target, index) : `${scrubPath(target.slice(0, q), index)}?${scrubQuery(target.slice(q + 1), index)}`;
}

export { scrubPath as redactPath, scrubQuery as redactQuery };
