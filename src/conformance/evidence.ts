// Turns recorded exchanges into report evidence with secrets redacted, and into a curl command
// that reproduces the request without putting any secret or signature on the page: the
// signature is recomputed in the shell from $NX_API_SECRET.
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

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface CurlOptions {
  /**
   * Send the request's own X-NX-Signature instead of signing in the shell: for a signature that
   * is wrong (so reveals nothing usable), where re-signing correctly would not reproduce the failure.
   */
  literalSignature?: boolean;
}

export function toCurl(exchange: Exchange, note?: string, options: CurlOptions = {}): string {
  const { method, url, headers, body } = exchange.request;
  const lines: string[] = [];
  if (note) lines.push(`# ${note.replace(/\n/g, ' ')}`);
  const path = new URL(url).pathname.replace(/^.*?\/v1\/agent/, '');
  const literal = options.literalSignature === true;
  const signed = headers['x-nx-signature'] !== undefined && !literal;
  if (literal && headers['x-nx-signature'] !== undefined) {
    lines.push(`BODY=${shellQuote(body)}`);
  } else if (signed) {
    lines.push(`BODY=${shellQuote(body)}`);
    lines.push(`TS=${headers['x-nx-timestamp'] === undefined ? '$(date +%s%3N)' : shellQuote(headers['x-nx-timestamp'])}`);
    lines.push(`SIG=$(printf '%s' "\${TS}${method}${path}\${BODY}" | openssl dgst -sha256 -hmac "$NX_API_SECRET" -r | cut -d' ' -f1)`);
  }
  const parts = [`curl -sS -i -X ${method} ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'x-nx-key') parts.push(`-H "X-NX-Key: $NX_API_KEY"`);
    else if (name === 'x-nx-signature' && !literal) parts.push(`-H "X-NX-Signature: $SIG"`);
    else if (name === 'x-nx-timestamp' && signed) parts.push(`-H "X-NX-Timestamp: $TS"`);
    else parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (body.length > 0) parts.push(signed || literal ? `--data-binary "$BODY"` : `--data-binary ${shellQuote(body)}`);
  lines.push(parts.join(' \\\n  '));
  return lines.join('\n');
}
