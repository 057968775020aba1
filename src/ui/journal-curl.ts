// "Copy as curl" for a journal entry: the shared curl script (src/curl-script.ts) over the
// entry's redacted request. Headers that curl sets itself, or that would be wrong on a new
// connection, are left out; the key and signature become $NX_API_KEY and a recomputed $SIG.
import { curlScript } from '../curl-script.js';
import type { JournalEntry } from './types.js';

const LEFT_OUT = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'accept-encoding', 'user-agent']);

export function journalCurl(entry: JournalEntry, origin: string): string {
  const headers = Object.fromEntries(Object.entries(entry.requestHeaders).filter(([name]) => !LEFT_OUT.has(name)));
  const url = `${origin}${entry.path}${entry.query ? `?${entry.query}` : ''}`;
  const clipped = /…\[\d+ more chars\]$/.test(entry.requestBody);
  const note = clipped ? 'the journal keeps the first 4096 characters of a body: this one is cut short' : `${entry.requestId}: answered ${entry.status}${entry.code ? ` ${entry.code}` : ''}`;
  return curlScript({ method: entry.method, url, headers, body: entry.requestBody }, note);
}
