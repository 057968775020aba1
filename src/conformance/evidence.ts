// Turns recorded exchanges into report evidence with secrets redacted, and into a curl command
// that reproduces the request without putting any secret or signature on the page: the
// signature is recomputed in the shell from $NX_API_SECRET.
import type { Exchange } from '../client/agent-client.js';
import { curlScript, type CurlOptions } from '../curl-script.js';
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

/**
 * The exchange's request as a curl script (src/curl-script.ts), redacted first: the shell
 * recomputes the signature from $BODY, so a redacted body still reproduces.
 */
export function toCurl(exchange: Exchange, note?: string, options: CurlOptions & { secrets?: SecretIndex } = {}): string {
  const { secrets, ...curl } = options;
  const shown = redactHeaders(exchange.request.headers, secrets);
  const headers = Object.fromEntries(Object.keys(exchange.request.headers).map((name) => [name, shown[name.toLowerCase()] ?? '']));
  const request = { method: exchange.request.method, url: redactUrl(exchange.request.url, secrets), headers, body: redactText(exchange.request.body, secrets) };
  return curlScript(request, note === undefined ? undefined : redactText(note, secrets), curl);
}
