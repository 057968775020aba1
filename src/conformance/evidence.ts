// Turns recorded exchanges into report evidence with secrets redacted, and into a curl command
// that reproduces the request without putting any secret or signature on the page: the
// signature is recomputed in the shell from $NX_API_SECRET.
import type { Exchange } from '../client/agent-client.js';
import { curlScript, type CurlOptions } from '../curl-script.js';
import { redactBody, redactHeaders } from '../redact.js';
import type { Evidence } from './findings.js';

export function toEvidence(exchange: Exchange): Evidence {
  return {
    request: {
      method: exchange.request.method,
      url: exchange.request.url,
      headers: redactHeaders(exchange.request.headers),
      body: redactBody(exchange.request.body),
    },
    response: {
      status: exchange.response.status,
      headers: redactHeaders(exchange.response.headers),
      body: redactBody(exchange.response.text),
    },
  };
}

/** The exchange's request as a curl script (see src/curl-script.ts). */
export function toCurl(exchange: Exchange, note?: string, options: CurlOptions = {}): string {
  return curlScript(exchange.request, note, options);
}
