// The curl script that reproduces a failing exchange, with no secret and no valid signature on
// the page: the signature is recomputed in the shell from $NX_API_SECRET, the way the check made
// it (canonically, or over another path, method or body, with a made-up secret, in another
// encoding). On a real server clock the timestamp is taken when the script runs, keeping the
// exchange's skew from the server's time; on a frozen (virtual or fixed) clock it is the one sent.
// A request that used up a resource (a DELETE) first re-creates one (its "prelude").
import type { Exchange } from '../client/agent-client.js';

/**
 * How a request's signature was made, when not canonically by the client: what the reproduction
 * must sign to reproduce it. Never a real secret: `secret` is only ever a made-up wrong one.
 */
export interface SigningRecipe {
  method?: string;
  path?: string;
  body?: string;
  /** A made-up wrong secret the check signed with (printed; the agent's own stays $NX_API_SECRET). */
  secret?: string;
  encoding?: 'upper-hex' | 'base64' | 'twice';
}

/** The request that created the resource the exchange used up, and where its id is in the answer. */
export interface Prelude {
  exchange: Exchange;
  /** The id the exchange used (replaced by the new one in the script). */
  id: string;
  /** The JSON member holding the id in the prelude's answer ('id', 'orderId'). */
  field: string;
}

export type RecordedExchange = Exchange & { signing?: SigningRecipe; prelude?: Prelude };

export interface CurlOptions {
  /**
   * Send the request's own X-NX-Signature instead of signing in the shell: for a signature that
   * is wrong (so reveals nothing usable), where re-signing correctly would not reproduce the failure.
   */
  literalSignature?: boolean;
  /** Sign in the shell as the check did (another path, body, method, secret or encoding). */
  signing?: SigningRecipe;
  /** The server's clock runs (real): timestamps are taken at run time, server time = local + offsetMs. */
  realClock?: { offsetMs: number };
  prelude?: Prelude;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
/** For text inside double quotes. */
const dq = (s: string): string => s.replace(/[\\"$`]/g, (c) => `\\${c}`);
const pathOf = (url: string): string => new URL(url).pathname.replace(/^.*?\/v1\/agent/, '');

/** The recipe the exchange records (signedPath/signedBody), or the check's own. */
export function recipeOf(exchange: RecordedExchange): SigningRecipe | undefined {
  const fromClient = exchange.request.signed;
  const own = fromClient && (fromClient.path !== pathOf(exchange.request.url) || fromClient.body !== exchange.request.body) ? { path: fromClient.path, body: fromClient.body } : undefined;
  return exchange.signing ?? own;
}

/** The TS= line: the literal sent, or (on a running clock) now plus the same skew. */
function timestampLine(exchange: Exchange, options: CurlOptions, name: string): string {
  const sent = exchange.request.headers['x-nx-timestamp'];
  if (sent === undefined) return `${name}=$(date +%s%3N)`;
  const sentAt = exchange.request.sentAt;
  if (!options.realClock || sentAt === undefined || !/^\d{1,16}$/.test(sent)) return `${name}=${shellQuote(sent)}`;
  const shift = Math.round(Number(sent) - sentAt + options.realClock.offsetMs);
  return `${name}=$(( $(date +%s%3N) ${shift < 0 ? '-' : '+'} ${Math.abs(shift)} ))`;
}

interface Built {
  lines: string[];
  curl: string[];
}

/** The shell lines and curl arguments of one request; `id` is replaced by $ID where given. */
function build(exchange: RecordedExchange, options: CurlOptions, v: string, id?: string): Built {
  const { method, url, headers, body } = exchange.request;
  const sub = (s: string, inDoubleQuotes: boolean): string => (id === undefined ? s : s.split(id).join(inDoubleQuotes ? '${ID}' : `'"$ID"'`));
  const lines: string[] = [];
  const literal = options.literalSignature === true;
  const signed = headers['x-nx-signature'] !== undefined && !literal;
  const recipe = options.signing ?? {};
  if (body.length > 0) lines.push(`${v}BODY=${shellQuote(body)}`);
  // A literal (wrong) signature still travels with a timestamp inside the window, so it is the signature that is judged.
  const timed = headers['x-nx-timestamp'] !== undefined && (signed || literal);
  if (literal && timed) lines.push(timestampLine(exchange, options, `${v}TS`));
  if (signed) {
    lines.push(timestampLine(exchange, options, `${v}TS`));
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
  const curl = [`curl -sS -i -X ${method} ${sub(shellQuote(url), false)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'x-nx-key') curl.push(`-H "X-NX-Key: $NX_API_KEY"`);
    else if (name === 'x-nx-signature' && !literal) curl.push(`-H "X-NX-Signature: $${v}SIG"`);
    else if (name === 'x-nx-timestamp' && timed) curl.push(`-H "X-NX-Timestamp: $${v}TS"`);
    else curl.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (body.length > 0) curl.push(`--data-binary "$${v}BODY"`);
  return { lines, curl };
}

export function toCurl(exchange: RecordedExchange, note?: string, options: CurlOptions = {}): string {
  const lines: string[] = [];
  if (note) lines.push(`# ${note.replace(/\n/g, ' ')}`);
  const prelude = options.prelude;
  if (prelude) {
    lines.push(`# first a fresh one of what this request used up (${prelude.field} ${prelude.id} is gone):`);
    const first = build(prelude.exchange, { ...options, signing: recipeOf(prelude.exchange), literalSignature: false }, 'P_');
    lines.push(...first.lines, `P_ANSWER=$(${first.curl.join(' ').replace(' -i ', ' ')})`);
    lines.push(`ID=$(printf '%s' "$P_ANSWER" | grep -o '"${prelude.field}":"[^"]*"' | head -n 1 | cut -d'"' -f4)`);
  }
  const main = build(exchange, options, '', prelude?.id);
  lines.push(...main.lines, main.curl.join(' \\\n  '));
  return lines.join('\n');
}
