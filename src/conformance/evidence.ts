// Turns recorded exchanges into report evidence with secrets redacted, and into a curl command
// that reproduces the request without putting any secret or signature on the page: the
// signature is recomputed in the shell from $NX_API_SECRET.
import type { Exchange } from '../client/agent-client.js';
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

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function toCurl(exchange: Exchange, note?: string, secrets?: SecretIndex): string {
  const { method, headers } = exchange.request;
  // The shell recomputes the signature from $BODY, so a redacted body still reproduces.
  const url = redactUrl(exchange.request.url, secrets);
  const body = redactText(exchange.request.body, secrets);
  const lines: string[] = [];
  if (note) lines.push(`# ${redactText(note, secrets)}`);
  const path = new URL(url).pathname.replace(/^.*?\/v1\/agent/, '');
  const signed = headers['x-nx-signature'] !== undefined;
  if (signed) {
    lines.push(`BODY=${shellQuote(body)}`);
    lines.push(`TS=${headers['x-nx-timestamp'] === undefined ? '$(date +%s%3N)' : shellQuote(headers['x-nx-timestamp'])}`);
    lines.push(`SIG=$(printf '%s' "\${TS}${method}${path}\${BODY}" | openssl dgst -sha256 -hmac "$NX_API_SECRET" -r | cut -d' ' -f1)`);
  }
  const parts = [`curl -sS -i -X ${method} ${shellQuote(url)}`];
  const shown = redactHeaders(headers, secrets);
  for (const name of Object.keys(headers)) {
    const value = shown[name.toLowerCase()] ?? '';
    if (name === 'x-nx-key') parts.push(`-H "X-NX-Key: $NX_API_KEY"`);
    else if (name === 'x-nx-signature') parts.push(`-H "X-NX-Signature: $SIG"`);
    else if (name === 'x-nx-timestamp') parts.push(`-H "X-NX-Timestamp: $TS"`);
    else parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (body.length > 0) parts.push(signed ? `--data-binary "$BODY"` : `--data-binary ${shellQuote(body)}`);
  lines.push(parts.join(' \\\n  '));
  return lines.join('\n');
}
