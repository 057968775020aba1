// A request as a curl script that reproduces it without putting any secret or signature on the
// page: the key comes from $NX_API_KEY and the signature is recomputed in the shell from
// $NX_API_SECRET. Shared by the conformance reports (evidence.ts) and the dashboard's
// "copy as curl", so both hand people the same, tested script. No Node APIs: it runs in browsers.

export interface CurlRequest {
  method: string;
  /** Absolute URL; the signed path is its path relative to /v1/agent. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface CurlOptions {
  /**
   * Send the request's own X-NX-Signature instead of signing in the shell: for a signature that
   * is wrong (so reveals nothing usable), where re-signing correctly would not reproduce the failure.
   */
  literalSignature?: boolean;
  /** Sign with the time the script runs, not the recorded timestamp: a re-send, not a replay. */
  freshTimestamp?: boolean;
  /** Take the API base (…/v1/agent) from this environment variable, the URL's own as its default. */
  baseUrlFrom?: string;
}

/** The URL, its API base swapped for `${VAR:-base}` when asked (so the real port of a mock is used). */
function shellUrl(url: string, baseUrlFrom: string | undefined): string {
  const at = url.indexOf('/v1/agent');
  if (baseUrlFrom === undefined || at < 0) return shellQuote(url);
  const base = url.slice(0, at + '/v1/agent'.length);
  const rest = url.slice(base.length);
  return `"\${${baseUrlFrom}:-${base}}"${rest ? shellQuote(rest) : ''}`;
}

export function curlScript(request: CurlRequest, note?: string, options: CurlOptions = {}): string {
  const { method, url, headers, body } = request;
  const lines: string[] = [];
  if (note) lines.push(`# ${note.replace(/\n/g, ' ')}`);
  const path = new URL(url).pathname.replace(/^.*?\/v1\/agent/, '');
  const literal = options.literalSignature === true;
  const signed = headers['x-nx-signature'] !== undefined && !literal;
  if (literal && headers['x-nx-signature'] !== undefined) {
    lines.push(`BODY=${shellQuote(body)}`);
  } else if (signed) {
    lines.push(`BODY=${shellQuote(body)}`);
    const recorded = headers['x-nx-timestamp'];
    lines.push(`TS=${recorded === undefined || options.freshTimestamp ? '$(date +%s%3N)' : shellQuote(recorded)}`);
    lines.push(`SIG=$(printf '%s' "\${TS}${method}${path}\${BODY}" | openssl dgst -sha256 -hmac "$NX_API_SECRET" -r | cut -d' ' -f1)`);
  }
  const parts = [`curl -sS -i -X ${method} ${shellUrl(url, options.baseUrlFrom)}`];
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
