// Turns recorded exchanges into report evidence with secrets redacted (the curl that reproduces
// one is built by curl.ts).
import type { Exchange } from '../client/agent-client.js';
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

export { recipeOf, toCurl, type CurlOptions, type Prelude, type RecordedExchange, type SigningRecipe } from './curl.js';
