// Turns a recorded request into report evidence and a `reproduce` text. The client may have put
// its secret anywhere (that is one of the checks), so every text is scrubbed of it first; then
// the shared redaction (signatures, key tails) and curl builder of the server-side runner apply.
import type { Exchange } from '../../client/agent-client.js';
import type { RawRequestRecord } from '../../mock/index.js';
import { toCurl, toEvidence } from '../evidence.js';
import type { Evidence } from '../findings.js';
import { redactHeaders, redactPath, redactQuery, redactText, SecretIndex } from '../../redact.js';

/** Where `reproduce` points: the mock on its defaults (the run's own mock is gone by then). */
const REPRODUCE_ORIGIN = 'http://127.0.0.1:4010';
const NOISE = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding', 'accept-encoding']);

let lastIndex: { secret: string; index: SecretIndex } | undefined;

function indexOf(secret: string): SecretIndex {
  if (lastIndex?.secret !== secret) {
    const index = new SecretIndex();
    index.add(secret);
    lastIndex = { secret, index };
  }
  return lastIndex.index;
}

/** text without the secret: escaped, percent-encoded or cut to pieces, no run of it is left. */
export function scrub(text: string, secret: string): string {
  return secret === '' ? text : redactText(text, indexOf(secret));
}

/** The request target as sent, path segments and query parameters scrubbed one by one. */
function scrubTarget(rec: RawRequestRecord, secret: string): string {
  const index = indexOf(secret);
  return `${redactPath(rec.path, index)}${rec.query ? `?${redactQuery(rec.query, index)}` : ''}`;
}

export function recordToExchange(rec: RawRequestRecord, secret: string): Exchange {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rec.headers)) {
    if (value === undefined || NOISE.has(name)) continue;
    headers[name] = scrub(Array.isArray(value) ? value.join(', ') : value, secret);
  }
  return {
    request: { method: rec.method, url: `${REPRODUCE_ORIGIN}${scrubTarget(rec, secret)}`, headers, body: scrub(rec.body.toString('utf8'), secret) },
    response: { status: rec.status, headers: rec.responseHeaders, text: scrub(rec.responseBody, secret), durationMs: rec.at - rec.receivedAt },
  };
}

export function recordEvidence(rec: RawRequestRecord, secret: string): Evidence {
  return toEvidence(recordToExchange(rec, secret));
}

/**
 * The request as sent (signature redacted, as comments), then a curl that re-sends it to a local
 * mock: runnable as it is with NX_API_KEY and NX_API_SECRET set. The timestamp keeps its skew from
 * the recording mock's clock, taken when the script runs.
 */
export function reproduceRecord(rec: RawRequestRecord, secret: string, note: string, options: { literalSignature?: boolean } = {}): string {
  const exchange = recordToExchange(rec, secret);
  exchange.request.sentAt = rec.receivedAt;
  const { request } = exchange;
  const shown = [`${request.method} ${scrubTarget(rec, secret)} HTTP/1.1`];
  for (const [name, value] of Object.entries(redactHeaders(request.headers))) shown.push(`${name}: ${value}`);
  if (request.body.length > 0) shown.push('', ...request.body.split('\n'));
  const lines = [`# ${scrub(note, secret).replace(/\n/g, ' ')}`, '# the request as the client sent it:', ...shown.map((l) => `#   ${l}`)];
  // The mock goes to $NX_BASE_URL (default: `npx nx-conformance mock` on its default port), so a
  // mock on another port, as its banner prints it, is reached too.
  const target = '# re-send it to the mock at $NX_BASE_URL (`npx nx-conformance mock` prints it; default :4010)';
  if (options.literalSignature) {
    lines.push(`${target}, with the same (wrong) signature:`);
    lines.push(toCurl(exchange, undefined, { literalSignature: true, realClock: { offsetMs: 0 }, baseUrlFrom: 'NX_BASE_URL' }));
  } else {
    lines.push(`${target}; curl signs correctly from $NX_API_SECRET:`);
    lines.push(toCurl(exchange, undefined, { realClock: { offsetMs: 0 }, baseUrlFrom: 'NX_BASE_URL' }));
  }
  return lines.join('\n');
}
