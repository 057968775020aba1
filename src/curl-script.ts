// A request as a curl script that reproduces it without putting any secret or valid signature on
// the page: the key comes from $NX_API_KEY and the signature is recomputed in the shell from
// $NX_API_SECRET, the way the request was signed (canonically, or, for a conformance check's
// deliberate mistake, over another path, method or body, with a made-up secret, in another
// encoding). On a running server clock the timestamp is taken when the script runs, keeping the
// request's skew from the server's time; on a frozen (virtual or fixed) one it is the one sent. A
// request that used up a resource (a DELETE) can first re-create one (its "prelude").
// Shared by the conformance reports (evidence.ts) and the dashboard's "copy as curl", so both hand
// people the same, tested script. No Node APIs: it runs in browsers.

import { SIGNING_BASE_PATH } from './signing/constants.js';

export interface CurlRequest {
  method: string;
  /** Absolute URL; the signed path is its path relative to /v1/agent. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The client's idea of the server's time when it was sent (for running clocks). */
  sentAt?: number;
}

/**
 * How a request's signature was made, when not canonically: what the script must sign to
 * reproduce it. Never a real secret: `secret` is only ever a made-up wrong one.
 */
export interface SigningRecipe {
  method?: string;
  path?: string;
  body?: string;
  /** A made-up wrong secret to sign with (printed; the agent's own stays $NX_API_SECRET). */
  secret?: string;
  encoding?: 'upper-hex' | 'base64' | 'twice';
}

export interface CurlOptions {
  /**
   * Send the request's own X-NX-Signature instead of signing in the shell: for a signature that
   * is wrong (so reveals nothing usable), where re-signing correctly would not reproduce the failure.
   */
  literalSignature?: boolean;
  /** Sign in the shell as the request was signed (another path, body, method, secret or encoding). */
  signing?: SigningRecipe;
  /** The server's clock runs (real): timestamps are taken at run time, server time = local + offsetMs. */
  realClock?: { offsetMs: number };
  /** First re-create what the request used up: `id` in the request becomes the new one, read from `field`. */
  prelude?: { request: CurlRequest; id: string; field: string; signing?: SigningRecipe };
  /** Take the API base (…/v1/agent) from this environment variable, the URL's own as its default. */
  baseUrlFrom?: string;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
/** For text inside double quotes. */
const dq = (s: string): string => s.replace(/[\\"$`]/g, (c) => `\\${c}`);

/** The URL, its API base swapped for `${VAR:-base}` when asked (so the real port of a mock is used). */
function shellUrl(url: string, baseUrlFrom: string | undefined): string {
  const at = url.indexOf(SIGNING_BASE_PATH);
  if (baseUrlFrom === undefined || at < 0) return shellQuote(url);
  const base = url.slice(0, at + SIGNING_BASE_PATH.length);
  const rest = url.slice(base.length);
  return `"\${${baseUrlFrom}:-${base}}"${rest ? shellQuote(rest) : ''}`;
}

const pathOf = (url: string): string => new URL(url).pathname.replace(/^.*?\/v1\/agent/, '');

/** The TS= line: the literal sent, or (on a running clock) now plus the same skew. */
function timestampLine(request: CurlRequest, options: CurlOptions, name: string): string {
  const sent = request.headers['x-nx-timestamp'];
  if (sent === undefined) return `${name}=$(date +%s%3N)`;
  if (!options.realClock || request.sentAt === undefined || !/^\d{1,16}$/.test(sent)) return `${name}=${shellQuote(sent)}`;
  const shift = Math.round(Number(sent) - request.sentAt + options.realClock.offsetMs);
  return `${name}=$(( $(date +%s%3N) ${shift < 0 ? '-' : '+'} ${Math.abs(shift)} ))`;
}

const ARGUMENT_LIMIT = 64 * 1024;

/** The shell lines and curl arguments of one request, variables prefixed with `v`; `id` becomes $ID. */
function build(request: CurlRequest, options: CurlOptions, v: string, id?: string): { lines: string[]; curl: string[]; pipe: string } {
  const { method, url, headers, body } = request;
  const sub = (s: string, inDoubleQuotes: boolean): string => (id === undefined ? s : s.split(id).join(inDoubleQuotes ? '${ID}' : `'"$ID"'`));
  const lines: string[] = [];
  const literal = options.literalSignature === true;
  const signed = headers['x-nx-signature'] !== undefined && !literal;
  // A literal (wrong) signature still travels with a timestamp inside the window, so it is the signature that is judged.
  const timed = headers['x-nx-timestamp'] !== undefined && (signed || literal);
  const recipe = options.signing ?? {};
  if (body.length > 0) lines.push(`${v}BODY=${shellQuote(body)}`);
  if (timed || signed) lines.push(timestampLine(request, options, `${v}TS`));
  if (signed) {
    let signedBody = body.length > 0 ? `\${${v}BODY}` : '';
    if (recipe.body !== undefined && recipe.body !== body) {
      lines.push(`${v}SIGNED_BODY=${shellQuote(recipe.body)}`);
      signedBody = `\${${v}SIGNED_BODY}`;
    }
    const key = recipe.secret === undefined ? '"$NX_API_SECRET"' : shellQuote(recipe.secret);
    const message = `"\${${v}TS}${dq(recipe.method ?? method)}${sub(dq(recipe.path ?? pathOf(url)), true)}${signedBody}"`;
    const digest = recipe.encoding === 'base64' ? '-binary | base64' : "-r | cut -d' ' -f1";
    lines.push(`${v}SIG=$(printf '%s' ${message} | openssl dgst -sha256 -hmac ${key} ${digest})`);
    if (recipe.encoding === 'upper-hex') lines.push(`${v}SIG=$(printf '%s' "$${v}SIG" | tr a-f A-F)`);
    if (recipe.encoding === 'twice') lines.push(`${v}SIG="$${v}SIG, $${v}SIG"`);
  }
  const curl = [`curl -sS -i -X ${method} ${sub(shellUrl(url, options.baseUrlFrom), false)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'x-nx-key') curl.push(`-H "X-NX-Key: $NX_API_KEY"`);
    else if (name === 'x-nx-signature' && !literal) curl.push(`-H "X-NX-Signature: $${v}SIG"`);
    else if (name === 'x-nx-timestamp' && timed) curl.push(`-H "X-NX-Timestamp: $${v}TS"`);
    else curl.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  // A body past what one argument may hold (128 KiB on Linux) goes through stdin from the builtin printf.
  const piped = body.length > ARGUMENT_LIMIT;
  if (body.length > 0) curl.push(piped ? '--data-binary @-' : `--data-binary "$${v}BODY"`);
  return { lines, curl, pipe: piped ? `printf '%s' "$${v}BODY" | ` : '' };
}

export function curlScript(request: CurlRequest, note?: string, options: CurlOptions = {}): string {
  const lines: string[] = [];
  if (note) lines.push(`# ${note.replace(/\n/g, ' ')}`);
  const prelude = options.prelude;
  if (prelude) {
    lines.push(`# first a fresh one of what this request used up (${prelude.field} ${prelude.id} is gone):`);
    const first = build(prelude.request, { ...options, signing: prelude.signing, literalSignature: false }, 'P_');
    lines.push(...first.lines, `P_ANSWER=$(${first.pipe}${first.curl.join(' ').replace(' -i ', ' ')})`);
    lines.push(`ID=$(printf '%s' "$P_ANSWER" | grep -o '"${prelude.field}":"[^"]*"' | head -n 1 | cut -d'"' -f4)`);
  }
  const main = build(request, options, '', prelude?.id);
  lines.push(...main.lines, main.pipe + main.curl.join(' \\\n  '));
  return lines.join('\n');
}
