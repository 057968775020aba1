// Turns recorded exchanges into report evidence with secrets redacted, and into a curl command
// that reproduces the request without putting any secret or signature on the page: the
// signature is recomputed in the shell from $NX_API_SECRET (src/curl-script.ts).
import type { Exchange } from '../client/agent-client.js';
import { curlScript, type CurlOptions, type CurlRequest } from '../curl-script.js';
import { recipeOf, type Prelude } from './curl.js';
import { redactBody, redactHeaders, redactTarget, redactText, type SecretIndex } from '../redact.js';
import type { Evidence } from './findings.js';

export function toEvidence(exchange: Exchange): Evidence {
  return evidenceOf(exchange);
}

/** `secrets`: credentials the caller knows of (its agents'); redacted wherever they appear. */
export function evidenceOf(exchange: Exchange, secrets?: SecretIndex): Evidence {
  return {
    request: {
      method: exchange.request.method,
      url: redactUrl(exchange.request.url, secrets),
      headers: redactHeaders(exchange.request.headers, secrets),
      body: redactBody(exchange.request.body, secrets),
    },
    response: {
      status: exchange.response.status,
      headers: redactHeaders(exchange.response.headers, secrets),
      body: redactBody(exchange.response.text, secrets),
    },
  };
}

function redactUrl(url: string, secrets: SecretIndex | undefined): string {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
  return origin + redactTarget(url.slice(origin.length), secrets);
}

/** The request as the script shows it: redacted first (the shell recomputes the signature from $BODY, so a redacted body still reproduces). */
function shownRequest(exchange: Exchange, secrets: SecretIndex | undefined): CurlRequest {
  const shown = redactHeaders(exchange.request.headers, secrets);
  const headers = Object.fromEntries(Object.keys(exchange.request.headers).map((name) => [name, shown[name.toLowerCase()] ?? '']));
  const request: CurlRequest = { method: exchange.request.method, url: redactUrl(exchange.request.url, secrets), headers, body: redactText(exchange.request.body, secrets) };
  if (exchange.request.sentAt !== undefined) request.sentAt = exchange.request.sentAt;
  return request;
}

export interface ToCurlOptions extends Omit<CurlOptions, 'prelude'> {
  secrets?: SecretIndex;
  prelude?: Prelude;
}

/** The exchange's request as a curl script (src/curl-script.ts), redacted first. */
export function toCurl(exchange: Exchange, note?: string, options: ToCurlOptions = {}): string {
  const { secrets, prelude, ...curl } = options;
  const first = prelude ? { request: shownRequest(prelude.exchange, secrets), id: prelude.id, field: prelude.field, signing: recipeOf(prelude.exchange) } : undefined;
  return curlScript(shownRequest(exchange, secrets), note === undefined ? undefined : redactText(note, secrets), { ...curl, ...(first ? { prelude: first } : {}) });
}

export { recipeOf, type Prelude, type RecordedExchange, type SigningRecipe } from './curl.js';
