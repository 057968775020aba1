// Redaction shared by the mock's journal, the conformance reports and the proxy: secrets
// (API secrets, webhook secrets, signatures) never leave the process in anything we print.

const MAX_BODY_CHARS = 4096;
const SECRET_KEYS = /"(apiSecret|secret|signature|webhookSecret)"\s*:\s*"[^"]*"/g;

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    const lower = name.toLowerCase();
    if (lower === 'x-nx-signature' || lower === 'authorization' || lower === 'webhook-signature') out[lower] = '[redacted]';
    else if (lower === 'x-nx-key') out[lower] = redactKey(text);
    else out[lower] = text;
  }
  return out;
}

/** Keeps the key's prefix (enough to tell keys apart), drops the rest. */
export function redactKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 12)}…` : key;
}

const API_KEYS = /"apiKey"\s*:\s*"([^"]*)"/g;

export function redactBody(text: string): string {
  const clipped = text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…[${text.length - MAX_BODY_CHARS} more chars]` : text;
  // Most bodies (market data, orders) hold nothing to redact: a plain substring test is far
  // cheaper than the two regular expressions, and the journal redacts on every request.
  if (!clipped.includes('ecret"') && !clipped.includes('ignature"') && !clipped.includes('"apiKey"')) return clipped;
  // A full API key is enough to act as a sandbox agent, so only its prefix is kept.
  return clipped
    .replace(SECRET_KEYS, (_m, key: string) => `"${key}":"[redacted]"`)
    .replace(API_KEYS, (_m, key: string) => `"apiKey":"${redactKey(key)}"`);
}

