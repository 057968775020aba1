// Redaction of one text, whole: JSON-ish text (bodies, log lines), header values, query strings
// and paths. Three rules, strongest first:
//   1. a field named like a credential (`"apiSecret": …`, `?secret=…`) loses its value;
//   2. credential shapes we issue are cut wherever they appear: `whsec_…` entirely, an API key
//      down to its first 12 characters (enough to tell keys apart);
//   3. a string or word holding a run of a known secret (SecretIndex) in any decoded form
//      (JSON escapes, percent-encoding, nested) is replaced whole.
// Callers clip only after this has run over everything they will show.
import { deeperForms, unescapeJson } from './decode.js';
import { RUN, type SecretIndex } from './secret-index.js';

export const REDACTED = '[redacted]';

const KEY_SHOWN = 12;
/** Keeps an API key's prefix (nx_test_ and 4 characters: enough to tell keys apart), drops the rest. */
export function redactKey(key: string): string {
  return key.length > KEY_SHOWN ? `${key.slice(0, KEY_SHOWN)}…` : key;
}

const SECRET_FIELD = /^(?:api[-_]?secret|secret|webhook[-_]?secret|signature|password|token|access[-_]?token|client[-_]?secret|private[-_]?key|authorization)$/i;
const KEY_FIELD = /^(?:api[-_]?key|x[-_]?nx[-_]?key)$/i;
const fieldKind = (name: string): 'secret' | 'key' | null => (SECRET_FIELD.test(name) ? 'secret' : KEY_FIELD.test(name) ? 'key' : null);
/**
 * Text without any of these cannot trigger rule 1 or 2, nor hide an escaped credential; with no
 * run of a known secret either, it is returned as it is (most bodies: market data, orders).
 */
const WORTH_A_LOOK = /[\\%]|whsec_|nx_(?:test|live)_|secret|signature|password|token|authorization|private|api[-_]?key|nx[-_]?key|:\/\/[^\s/"]*@/i;

const WEBHOOK_SECRET = /whsec_[A-Za-z0-9+/=_-]+/g;
const API_KEY = /nx_(?:test|live)_[A-Za-z0-9]+/g;
/** The user:password@ of a URL (a webhook URL may arrive with one; it is refused, but journaled). */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>\\]+@/gi;
/** An API key with more than the shown prefix, a webhook secret with a run worth hiding, URL credentials. */
const CREDENTIAL_SHAPE = new RegExp(`nx_(?:test|live)_[A-Za-z0-9]{${KEY_SHOWN - 7},}|whsec_[A-Za-z0-9+/=_-]{${RUN},}|[a-z][a-z0-9+.-]*://[^\\s/?#@"'<>]+@`, 'i');

function leaks(form: string, index: SecretIndex | undefined): boolean {
  return CREDENTIAL_SHAPE.test(form) || (index !== undefined && index.carries(form));
}

/** One value (a decoded JSON string, a header value, a query value, a path segment), redacted. */
export function scrubValue(value: string, index?: SecretIndex): string {
  if (index !== undefined && index.carries(value)) return REDACTED;
  // An escaped credential is hidden whole: cutting it inside its escapes could leave a run.
  for (const form of deeperForms(value)) if (leaks(form, index)) return REDACTED;
  let v = value;
  if (v.includes('whsec_')) v = v.replace(WEBHOOK_SECRET, `whsec_${REDACTED}`);
  if (v.includes('nx_')) v = v.replace(API_KEY, redactKey);
  if (v.includes('@')) v = v.replace(URL_USERINFO, `$1${REDACTED}@`);
  return v;
}

/** A value under a field name: credentials by name first, then by content. */
function scrubField(name: string | null, value: string, index: SecretIndex | undefined): string {
  const kind = name === null ? null : fieldKind(name);
  if (kind === 'secret') return REDACTED;
  return scrubValue(kind === 'key' ? redactKey(value) : value, index);
}

// A JSON string literal, possibly cut off at the end of the text (no closing quote).
const LITERAL = /"[^"\\]*(?:\\[\s\S][^"\\]*)*("?)/g;
// Words of the text between literals: what a credential outside quotes would be part of.
const WORD = /[^\s{}[\],:"]+/g;

/** JSON-ish text (a body, a log line): every string literal and every bare word is judged. */
export function scrubText(text: string, index?: SecretIndex): string {
  if (!WORTH_A_LOOK.test(text) && !(index?.carries(text) ?? false)) return text;
  const out: string[] = [];
  let last = 0;
  let field: string | null = null; // the key whose value comes next
  for (const m of text.matchAll(LITERAL)) {
    const at = m.index;
    const gap = text.slice(last, at);
    if (gap.trim() !== '' && gap.trim() !== ':') field = null;
    out.push(scrubGap(gap, index));
    const raw = m[0];
    const inner = raw.slice(1, m[1] === '"' ? -1 : undefined); // a literal cut off has no closing quote
    const decoded = inner.includes('\\') ? unescapeJson(inner) : inner;
    const isKey = /^\s*:/.test(text.slice(at + raw.length, at + raw.length + 64));
    const scrubbed = isKey ? scrubValue(decoded, index) : scrubField(field, decoded, index);
    out.push(scrubbed === decoded ? raw : JSON.stringify(scrubbed));
    field = isKey ? decoded : null;
    last = at + raw.length;
  }
  out.push(scrubGap(text.slice(last), index));
  return out.join('');
}

/** Text outside string literals: numbers, punctuation, or plain text when the body is not JSON. */
function scrubGap(gap: string, index: SecretIndex | undefined): string {
  if (gap.length === 0) return gap;
  // Runs found in the gap as a whole catch a secret that spans the characters words split on.
  const hits: [number, number][] = [];
  index?.scan(gap, (start, end) => void hits.push([start, end]));
  return gap.replace(WORD, (word, at: number) => {
    const end = at + word.length;
    if (hits.some(([s, e]) => s < end && e > at)) return REDACTED;
    return scrubValue(word, index);
  });
}

/** A query string without `?`: each parameter judged by its name and its (decoded) value. */
export function scrubQuery(query: string, index?: SecretIndex): string {
  if (query === '') return query;
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return scrubValue(pair, index);
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const scrubbedName = scrubValue(name, index);
      if (scrubbedName !== name) return `${scrubbedName}=${REDACTED}`;
      return `${name}=${scrubField(deeperForms(name).at(-1) ?? name, value, index)}`;
    })
    .join('&');
}

/** A path: each segment judged on its own, so the rest of the path stays readable. */
export function scrubPath(path: string, index?: SecretIndex): string {
  // Field names mean nothing in a path: only escapes, our credential shapes and known secrets do.
  const hits: [number, number][] = [];
  index?.scan(path, (start, end) => void hits.push([start, end]));
  if (hits.length === 0 && !/[%\\@]|whsec_|nx_/.test(path)) return path;
  let at = 0;
  return path
    .split('/')
    .map((segment) => {
      const start = at;
      at += segment.length + 1;
      // A secret with a '/' in it (base64) spans segments: each segment it touches goes.
      return hits.some(([s, e]) => s < start + segment.length && e > start) ? REDACTED : scrubValue(segment, index);
    })
    .join('/');
}
