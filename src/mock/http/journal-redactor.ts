// The journal's redaction, remembered. Every entry is redacted before it is stored, but most of what
// a busy client sends repeats (its path, its key and User-Agent, a body sent again, GET /market's
// kept answer), so each redacted text is kept in a small CLOCK cache under the text it came from.
// Redaction is a pure function of the text and of the known secrets, and every cache is dropped
// when a secret is added or the secrets are cleared (SecretIndex.version): a remembered answer is
// always the one redacting afresh would give, and nothing is stored unredacted.
import { bodyWindow, isHiddenHeader, redactBody, redactHeader, redactPath, redactQuery, type SecretIndex } from '../../redact.js';
import { Lru } from '../engine/market/lru.js';
import type { JournalDetails } from './journal.js';

// Texts longer than these are redacted each time: the caches hold at most ~2 MB however large
// or varied the requests (bodies 128 × 8 kB, paths and queries 256 × 1 kB, headers 64 × 64 × 256).
const BODY_CHARS = 8_192;
const LINE_CHARS = 1_024;
const HEADER_CHARS = 256;
/** Header names with a cache of their own (beyond them, values are redacted each time). */
const MAX_HEADER_NAMES = 64;

export interface JournalRedactor {
  path(path: string): string;
  details(query: string, headers: Record<string, string | string[] | undefined>, requestBody: string, responseBody: string): JournalDetails;
}

type Caches = { paths: Lru<string, string>; queries: Lru<string, string>; bodies: Lru<string, string>; headers: Map<string, Lru<string, string>> };

const newCaches = (): Caches => ({ paths: new Lru(256), queries: new Lru(256), bodies: new Lru(128), headers: new Map() });

function remembered(cache: Lru<string, string> | undefined, maxChars: number, text: string, redact: (text: string) => string): string {
  if (cache === undefined || text.length > maxChars) return redact(text);
  let clean = cache.get(text);
  if (clean === undefined) {
    clean = redact(text);
    cache.set(text, clean);
  }
  return clean;
}

export function createJournalRedactor(secrets: SecretIndex): JournalRedactor {
  let version = secrets.version;
  let caches = newCaches();
  const current = (): Caches => {
    if (secrets.version !== version) {
      version = secrets.version;
      caches = newCaches();
    }
    return caches;
  };
  const headerCache = (c: Caches, name: string): Lru<string, string> | undefined => {
    let cache = c.headers.get(name);
    // A hidden header (the signature, new on every request) is redacted whole without looking:
    // caching it would only push out values that do repeat.
    if (cache === undefined && isHiddenHeader(name)) return undefined;
    if (cache === undefined && c.headers.size < MAX_HEADER_NAMES) c.headers.set(name, (cache = new Lru(64)));
    return cache;
  };
  // A body longer than the redaction window is clipped with a note of its length: not a pure
  // function of the window's text, so it is redacted each time (rare: over 5 kB).
  const body = (c: Caches, text: string): string => {
    const window = bodyWindow(text);
    return window.length === window.text.length ? remembered(c.bodies, BODY_CHARS, text, (t) => redactBody(t, secrets)) : redactBody(window, secrets);
  };
  return {
    path: (path) => remembered(current().paths, LINE_CHARS, path, (t) => redactPath(t, secrets)),
    details(query, headers, requestBody, responseBody) {
      const c = current();
      const requestHeaders: Record<string, string> = {};
      for (const name in headers) {
        const value = headers[name];
        if (value === undefined) continue;
        // Node hands header names over in lower case already.
        const lower = name.toLowerCase();
        requestHeaders[lower] = remembered(headerCache(c, lower), HEADER_CHARS, Array.isArray(value) ? value.join(', ') : value, (t) => redactHeader(lower, t, secrets));
      }
      return {
        query: query === '' ? '' : remembered(c.queries, LINE_CHARS, query, (t) => redactQuery(t, secrets)),
        requestHeaders,
        requestBody: body(c, requestBody),
        responseBody: body(c, responseBody),
      };
    },
  };
}
