import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { SIGNING_BASE_PATH } from './constants.js';
import { hmacSha256 } from './hmac-sha256.js';
import { pythonJsonDumps } from './python-json-dumps.js';
import { stringToSign } from './string-to-sign.js';

export type SignatureMistakeCode =
  | 'full_path_signed'
  | 'query_signed'
  | 'seconds_timestamp'
  | 'reserialised_body'
  | 'base64_signature'
  | 'uppercase_hex'
  | 'lowercase_method'
  | 'body_omitted'
  | 'wrong_secret_mode'
  | 'malformed_signature'
  | 'unrecognised'
  /** The request rules only: a body over 64 KiB is not diagnosed (src/rules/stages/authenticate.ts). */
  | 'not_diagnosed';

export interface SignatureDiagnosis {
  /** What the server signed, body bytes shown as UTF-8 text. Never the secret nor the expected signature. */
  stringToSign: string;
  /**
   * null when the signature is valid (and the timestamp is not in seconds). `signedString` is what
   * the client's signature was made over, when the mistake is recognised: the client built it
   * itself, so showing it next to stringToSign reveals nothing, yet makes the difference obvious.
   */
  mistake: null | { code: SignatureMistakeCode; message: string; signedString?: string };
}

interface Candidate {
  code: SignatureMistakeCode;
  message: string;
  secret: string;
  bytes: Buffer;
}

/**
 * Explains an invalid X-NX-Signature by re-signing the request the ways faulty clients usually
 * do and naming the variant that reproduces the received signature. Meant for the detail of an
 * invalid_signature problem response and for local debugging.
 *
 * Safe to show to the client: the result contains the string to sign (which the client can
 * compute anyway) and fix-it messages, never the secret or the expected signature, so it
 * cannot be used as a signing oracle.
 *
 * `path` is the request path relative to basePath as received, `query` the raw query string
 * without its '?', `method` and `timestamp` as received in the request line and header.
 */
export function diagnoseSignature({
  secret,
  otherSecrets = [],
  timestamp,
  method,
  path,
  query,
  body,
  signature,
  basePath = SIGNING_BASE_PATH,
}: {
  secret: string;
  otherSecrets?: readonly string[];
  timestamp: string;
  method: string;
  path: string;
  query?: string;
  body: Buffer | string;
  signature: string;
  basePath?: string;
}): SignatureDiagnosis {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const canonical = stringToSign({ timestamp, method, path, body: bodyBytes });
  const result = (mistake: SignatureDiagnosis['mistake']): SignatureDiagnosis => ({
    stringToSign: canonical.toString('utf8'),
    mistake,
  });

  const received = decodeSignature(signature);
  if (received === null) {
    return result({ code: 'malformed_signature', message: malformedMessage(signature) });
  }

  // Encoding mistakes are reported on their own when the HMAC is otherwise right, and appended
  // as a second fix when another mistake is found, so a client with two bugs learns of both.
  const encodingFix =
    received.encoding === 'base64'
      ? 'Also: send the HMAC as lowercase hex (64 characters), not base64.'
      : received.encoding === 'uppercase-hex'
        ? 'Also: send the hex digest in lower case.'
        : '';
  const withEncodingFix = (message: string): string => (encodingFix ? `${message} ${encodingFix}` : message);

  if (sameDigest(hmacSha256(secret, canonical), received.digest)) {
    const signedString = canonical.toString('utf8');
    if (received.encoding === 'base64') {
      return result({
        code: 'base64_signature',
        message:
          'Your HMAC is right but base64-encoded; send it as lowercase hex (64 characters): ' +
          "Node .digest('hex'), Python .hexdigest(), openssl dgst -hex.",
        signedString,
      });
    }
    if (received.encoding === 'uppercase-hex') {
      return result({
        code: 'uppercase_hex',
        message: 'Your HMAC is right but in upper-case hex; send lowercase hex, the only accepted form.',
        signedString,
      });
    }
    if (/^[0-9]{9,10}$/.test(timestamp)) {
      // The signature matches the header, but the header is in seconds; checkTimestamp rejects
      // it first on a real server, this covers offline use of the diagnostics.
      return result({
        code: 'seconds_timestamp',
        message: `X-NX-Timestamp '${timestamp}' is in seconds; send milliseconds since the Unix epoch (13 digits today, e.g. Date.now()) and sign that same value.`,
        signedString,
      });
    }
    return result(null);
  }

  for (const candidate of candidates({ secret, otherSecrets, timestamp, method, path, query, bodyBytes, basePath })) {
    if (sameDigest(hmacSha256(candidate.secret, candidate.bytes), received.digest)) {
      return result({ code: candidate.code, message: withEncodingFix(candidate.message), signedString: candidate.bytes.toString('utf8') });
    }
  }

  return result({
    code: 'unrecognised',
    message:
      'The signature matches none of the known mistakes. Check that you sign exactly ' +
      'timestamp + METHOD + path + body as shown in stringToSign, with the secret issued together with ' +
      'this X-NX-Key, and that the body you sign is byte-for-byte the body you send.',
  });
}

/** Constant-time, like verifySignature: a diagnosis must not become a timing oracle either. */
function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The known client mistakes, each as the string-to-sign (and secret) such a client used. */
function* candidates({
  secret,
  otherSecrets,
  timestamp,
  method,
  path,
  query,
  bodyBytes,
  basePath,
}: {
  secret: string;
  otherSecrets: readonly string[];
  timestamp: string;
  method: string;
  path: string;
  query: string | undefined;
  bodyBytes: Buffer;
  basePath: string;
}): Generator<Candidate> {
  const upper = method.toUpperCase();
  const sts = (overrides: { timestamp?: string; method?: string; path?: string; body?: Buffer | string }): Buffer =>
    // stringToSign upper-cases, so the lower-case-method variant is assembled by hand below.
    stringToSign({ timestamp, method: upper, path, body: bodyBytes, ...overrides });
  const hasQuery = query !== undefined && query !== '';

  yield {
    code: 'full_path_signed',
    message: `You signed '${basePath}${path}'; sign the path relative to ${basePath}: '${path}'.`,
    secret,
    bytes: sts({ path: `${basePath}${path}` }),
  };
  if (hasQuery) {
    yield {
      code: 'query_signed',
      message: `You signed '${path}?${query}'; the query string is not signed, sign '${path}'.`,
      secret,
      bytes: sts({ path: `${path}?${query}` }),
    };
    yield {
      code: 'full_path_signed',
      message: `You signed '${basePath}${path}?${query}'; sign the path relative to ${basePath} and without the query string: '${path}'.`,
      secret,
      bytes: sts({ path: `${basePath}${path}?${query}` }),
    };
  }

  if (/^[0-9]+$/.test(timestamp)) {
    const ms = Number(timestamp);
    const secondsForms = new Set([String(Math.floor(ms / 1000)), String(Math.round(ms / 1000))]);
    for (const seconds of secondsForms) {
      if (seconds === timestamp) continue;
      yield {
        code: 'seconds_timestamp',
        message: `You signed the timestamp in seconds ('${seconds}') but sent X-NX-Timestamp '${timestamp}'; sign exactly the X-NX-Timestamp value, in milliseconds.`,
        secret,
        bytes: sts({ timestamp: seconds }),
      };
    }
  }

  const rawBody = bodyBytes.toString('utf8');
  for (const [form, reserialised] of reserialisedForms(rawBody)) {
    if (reserialised === rawBody) continue;
    yield {
      code: 'reserialised_body',
      message: `You signed the body re-serialised (${form}), not the ${bodyBytes.length} bytes you sent; serialise once, then sign and send that same string.`,
      secret,
      bytes: sts({ body: reserialised }),
    };
  }

  const lower = method.toLowerCase();
  if (lower !== upper) {
    yield {
      code: 'lowercase_method',
      message: `You signed the method as '${lower}'; sign it upper-case: '${upper}'.`,
      secret,
      bytes: Buffer.concat([Buffer.from(`${timestamp}${lower}${path}`, 'utf8'), bodyBytes]),
    };
  }

  if (bodyBytes.length > 0) {
    yield {
      code: 'body_omitted',
      message: `You signed without the body; append the exact ${bodyBytes.length}-byte body you send to timestamp + METHOD + path.`,
      secret,
      bytes: sts({ body: '' }),
    };
  }

  for (const other of otherSecrets) {
    if (other === secret) continue;
    yield {
      code: 'wrong_secret_mode',
      message:
        "The signature was made with another of this agent's secrets (e.g. the sandbox secret with a live key); " +
        'sign with the secret issued together with the X-NX-Key you send.',
      secret: other,
      bytes: sts({}),
    };
  }
}

/** Common ways a client re-serialises JSON before (or instead of) signing the bytes it sends. */
function reserialisedForms(rawBody: string): Array<[string, string]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return [];
  }
  try {
    return [
      ['JSON.stringify(JSON.parse(body))', JSON.stringify(parsed)],
      ['Python json.dumps with ", " and ": " separators', pythonJsonDumps(parsed)],
      ['Python json.dumps(..., ensure_ascii=False)', pythonJsonDumps(parsed, { ensureAscii: false })],
      ['JSON.stringify(value, null, 2)', JSON.stringify(parsed, null, 2)],
    ];
  } catch {
    // Nested too deeply to re-serialise (the recursion overflows the stack): not a re-serialisation
    // mistake, and no reason to answer 500 instead of invalid_signature.
    return [];
  }
}

/** Accepts the canonical form and the two wrong encodings we can still diagnose. */
function decodeSignature(
  signature: string,
): { digest: Buffer; encoding: 'hex' | 'uppercase-hex' | 'base64' } | null {
  if (typeof signature !== 'string') return null;
  if (/^[0-9a-f]{64}$/.test(signature)) return { digest: Buffer.from(signature, 'hex'), encoding: 'hex' };
  if (/^[0-9a-fA-F]{64}$/.test(signature)) return { digest: Buffer.from(signature, 'hex'), encoding: 'uppercase-hex' };
  // 32 bytes are 43 base64 characters plus one '=' of padding; Node decodes base64url too.
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(signature)) {
    const digest = Buffer.from(signature, 'base64');
    if (digest.length === 32) return { digest, encoding: 'base64' };
  }
  return null;
}

function malformedMessage(signature: string): string {
  const length = typeof signature === 'string' ? signature.length : 0;
  const hint =
    /^[0-9a-fA-F]+$/.test(signature) && length === 40
      ? ' 40 hex characters looks like HMAC-SHA1; use HMAC-SHA256.'
      : /^[0-9a-fA-F]+$/.test(signature) && length === 128
        ? ' 128 hex characters looks like HMAC-SHA512; use HMAC-SHA256.'
        : '';
  return `X-NX-Signature must be 64 lowercase hex characters (HMAC-SHA256); got ${length} characters.${hint}`;
}
