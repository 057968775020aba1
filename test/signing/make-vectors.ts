// Generates the signing test vectors in fixtures/signing/ (AWS SigV4 test-suite style).
//
//   npx tsx test/signing/make-vectors.ts
//
// The fixtures are committed data: other implementations (and the independent openssl/Python
// checks in vectors.test.ts) consume them without running this script. vectors.test.ts also
// asserts that the committed files equal buildVectors(), so edits here must be regenerated.
//
// Negative vectors record what the faulty client signed (client-string-to-sign.txt) and how
// it encoded the MAC, so the wrong signature can be reproduced independently as well.
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SIGNING_BASE_PATH } from '../../src/signing/constants.js';
import { signRequest } from '../../src/signing/sign-request.js';
import { stringToSign } from '../../src/signing/string-to-sign.js';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/signing');

// Made-up credentials, used nowhere else.
const LIVE_KEY = 'nx_live_VectorLiveKey0123456789abcdef';
const LIVE_SECRET = 'vector_live_secret_7d1c0a9e4b2f4e6a8c3d5b7f9a1e2c4d';
const TEST_KEY = 'nx_test_VectorTestKey0123456789abcdef';
const TEST_SECRET = 'vector_test_secret_0b8e6f4d2a1c3e5f7a9b8d6c4e2f0a1b';
const HOST = 'api.next.exchange';

export type ClientEncoding = 'hex' | 'uppercase-hex' | 'base64';

/** What a vector's case.json holds. */
export interface CaseJson {
  description: string;
  apiKey: string;
  /** The secret the server holds for apiKey. */
  secret: string;
  /** Upper-case, as in the request line. */
  method: string;
  /** The signed path: relative to /v1/agent, no query string. */
  path: string;
  /** The request-line target: full /v1/agent path plus query. */
  requestTarget: string;
  /** Raw query string without '?', '' when none. */
  query: string;
  timestamp: string;
  expect: 'valid' | 'invalid';
  /** Negative vectors: the diagnoseSignature code naming the client's mistake. */
  mistake?: string;
  /** Secrets passed to diagnoseSignature as otherSecrets (the agent's other-mode secret). */
  otherSecrets?: string[];
  /** Negative vectors: how signature.txt was made = encode(HMAC(client.secret, client-string-to-sign.txt)). */
  client?: { secret: string; encoding: ClientEncoding };
}

interface Spec {
  name: string;
  description: string;
  apiKey: string;
  secret: string;
  method: string;
  requestTarget: string;
  timestamp: string;
  body: string;
  otherSecrets?: string[];
  /** Negative vectors: the faulty client's behaviour. */
  fault?: {
    mistake: string;
    secret?: string;
    encoding?: ClientEncoding;
    /** What the client signed, given the canonical parts; defaults to the canonical bytes. */
    signed?: (parts: { timestamp: string; method: string; path: string; query: string; body: string }) => Buffer;
  };
}

const PY_ORDER = '{"symbol": "BTC", "side": "buy", "type": "market", "quantity": 0.01, "price": null}';
// Tabs, a double space, CRLF, a trailing newline, non-ASCII (NFC and a decomposed NFD é) and an
// astral emoji: every byte must be signed as sent, with no trimming or Unicode normalisation.
const UNICODE_BODY =
  '{\n\t"symbol":  "BTC",\t"side": "buy", "type": "market", "quantity": 0.5,\r\n' +
  '\t"note": "Ünïcødé 🚀 cafe\u0301 — mind the gap"\n}\n';

const raw = (s: string): Buffer => Buffer.from(s, 'utf8');

export const SPECS: Spec[] = [
  // ---- positive ----
  {
    name: 'get-no-query',
    description: 'GET without query string or body: body is the empty string.',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'GET',
    requestTarget: '/v1/agent/portfolio',
    timestamp: '1764072000000',
    body: '',
  },
  {
    name: 'get-with-query',
    description: 'GET with a query string: the query is sent but NOT signed (path "/market").',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'GET',
    requestTarget: '/v1/agent/market?coins=bitcoin%2Cethereum&vs=usd',
    timestamp: '1764072001000',
    body: '',
  },
  {
    name: 'get-encoded-path',
    description: 'A percent-encoded path segment is signed exactly as in the request line, not decoded.',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'GET',
    requestTarget: '/v1/agent/market/BTC%2FUSD/candles?interval=1h',
    timestamp: '1764072002000',
    body: '',
  },
  {
    name: 'post-json-body',
    description: 'POST with the JSON body the Python example client sends (json.dumps separators ", " and ": ").',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'POST',
    requestTarget: '/v1/agent/orders',
    timestamp: '1764072000000',
    body: PY_ORDER,
  },
  {
    name: 'post-unicode-whitespace-body',
    description:
      'POST whose body has non-ASCII text (incl. NFD and an emoji), tabs, a double space, CRLF and a trailing newline; the raw UTF-8 bytes are signed.',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'POST',
    requestTarget: '/v1/agent/orders',
    timestamp: '1764072003000',
    body: UNICODE_BODY,
  },
  {
    name: 'delete-order',
    description: 'DELETE with no body.',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'DELETE',
    requestTarget: '/v1/agent/orders/ord_123',
    timestamp: '1764072004000',
    body: '',
  },
  {
    name: 'patch-order',
    description: 'PATCH with a compact (JSON.stringify) body.',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'PATCH',
    requestTarget: '/v1/agent/orders/ord_123',
    timestamp: '1764072005000',
    body: '{"price":64250.5,"quantity":0.02}',
  },
  {
    name: 'post-empty-body',
    description:
      'POST with Content-Length: 0 from a sandbox key that signs anyway (verified exactly as in live mode).',
    apiKey: TEST_KEY,
    secret: TEST_SECRET,
    method: 'POST',
    requestTarget: '/v1/agent/webhooks/wh_42/test',
    timestamp: '1764072006000',
    body: '',
  },
  // ---- negative ----
  {
    name: 'wrong-secret',
    description: "A live request signed with the agent's sandbox secret.",
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'POST',
    requestTarget: '/v1/agent/orders',
    timestamp: '1764072000000',
    body: PY_ORDER,
    otherSecrets: [TEST_SECRET],
    fault: { mistake: 'wrong_secret_mode', secret: TEST_SECRET },
  },
  {
    name: 'signed-with-query',
    description: 'The client signed "/market?coins=bitcoin" instead of "/market".',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'GET',
    requestTarget: '/v1/agent/market?coins=bitcoin',
    timestamp: '1764072000000',
    body: '',
    fault: {
      mistake: 'query_signed',
      signed: (p) => raw(`${p.timestamp}${p.method}${p.path}?${p.query}${p.body}`),
    },
  },
  {
    name: 'signed-full-path',
    description: 'The client signed "/v1/agent/orders" instead of "/orders".',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'POST',
    requestTarget: '/v1/agent/orders',
    timestamp: '1764072000000',
    body: PY_ORDER,
    fault: {
      mistake: 'full_path_signed',
      signed: (p) => raw(`${p.timestamp}${p.method}${SIGNING_BASE_PATH}${p.path}${p.body}`),
    },
  },
  {
    name: 'seconds-timestamp',
    description: 'X-NX-Timestamp carries milliseconds but the client signed the time in seconds (floored).',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'GET',
    requestTarget: '/v1/agent/portfolio',
    timestamp: '1764072000123',
    body: '',
    fault: {
      mistake: 'seconds_timestamp',
      signed: (p) => raw(`${Math.floor(Number(p.timestamp) / 1000)}${p.method}${p.path}${p.body}`),
    },
  },
  {
    name: 'reserialised-body',
    description:
      'The client sent the Python json.dumps body but signed JSON.stringify of the same object (compact separators).',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'POST',
    requestTarget: '/v1/agent/orders',
    timestamp: '1764072000000',
    body: PY_ORDER,
    fault: {
      mistake: 'reserialised_body',
      signed: (p) => raw(`${p.timestamp}${p.method}${p.path}${JSON.stringify(JSON.parse(p.body))}`),
    },
  },
  {
    name: 'base64-signature',
    description: 'The right HMAC, sent base64-encoded instead of lowercase hex.',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'POST',
    requestTarget: '/v1/agent/orders',
    timestamp: '1764072000000',
    body: PY_ORDER,
    fault: { mistake: 'base64_signature', encoding: 'base64' },
  },
  {
    name: 'uppercase-hex',
    description: 'The right HMAC, sent as upper-case hex (only lowercase hex is accepted).',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'GET',
    requestTarget: '/v1/agent/portfolio',
    timestamp: '1764072000000',
    body: '',
    fault: { mistake: 'uppercase_hex', encoding: 'uppercase-hex' },
  },
  {
    name: 'lowercase-method',
    description: 'The client sent POST but signed "post".',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'POST',
    requestTarget: '/v1/agent/orders',
    timestamp: '1764072000000',
    body: PY_ORDER,
    fault: {
      mistake: 'lowercase_method',
      signed: (p) => raw(`${p.timestamp}${p.method.toLowerCase()}${p.path}${p.body}`),
    },
  },
  {
    name: 'body-omitted',
    description: 'The client signed timestamp + METHOD + path and left the body out.',
    apiKey: LIVE_KEY,
    secret: LIVE_SECRET,
    method: 'PATCH',
    requestTarget: '/v1/agent/orders/ord_123',
    timestamp: '1764072000000',
    body: '{"price":64250.5,"quantity":0.02}',
    fault: { mistake: 'body_omitted', signed: (p) => raw(`${p.timestamp}${p.method}${p.path}`) },
  },
];

function encode(digest: Buffer, encoding: ClientEncoding): string {
  if (encoding === 'base64') return digest.toString('base64');
  const hex = digest.toString('hex');
  return encoding === 'uppercase-hex' ? hex.toUpperCase() : hex;
}

function splitTarget(requestTarget: string): { path: string; query: string } {
  const q = requestTarget.indexOf('?');
  const fullPath = q === -1 ? requestTarget : requestTarget.slice(0, q);
  if (!fullPath.startsWith(`${SIGNING_BASE_PATH}/`)) throw new Error(`${requestTarget} is not under ${SIGNING_BASE_PATH}`);
  return { path: fullPath.slice(SIGNING_BASE_PATH.length), query: q === -1 ? '' : requestTarget.slice(q + 1) };
}

/** All fixture files, keyed by path relative to fixtures/signing. */
export function buildVectors(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const spec of SPECS) {
    const { path, query } = splitTarget(spec.requestTarget);
    const parts = { timestamp: spec.timestamp, method: spec.method, path, query, body: spec.body };
    const canonical = stringToSign(parts);
    const canonicalSignature = signRequest({ secret: spec.secret, ...parts });

    let signature = canonicalSignature;
    let client: CaseJson['client'];
    if (spec.fault) {
      const clientBytes = spec.fault.signed ? spec.fault.signed(parts) : canonical;
      const clientSecret = spec.fault.secret ?? spec.secret;
      const encoding = spec.fault.encoding ?? 'hex';
      // Plain node:crypto here, not the project signer: this is what the faulty client did.
      signature = encode(createHmac('sha256', clientSecret).update(clientBytes).digest(), encoding);
      if (signature === canonicalSignature) throw new Error(`${spec.name}: faulty signature equals the canonical one`);
      client = { secret: clientSecret, encoding };
      files.set(`${spec.name}/client-string-to-sign.txt`, clientBytes);
    }

    const bodyBytes = raw(spec.body);
    const hasBody = bodyBytes.length > 0 || ['POST', 'PUT', 'PATCH'].includes(spec.method);
    const headerLines = [
      `${spec.method} ${spec.requestTarget} HTTP/1.1`,
      `Host: ${HOST}`,
      `X-NX-Key: ${spec.apiKey}`,
      `X-NX-Timestamp: ${spec.timestamp}`,
      `X-NX-Signature: ${signature}`,
      ...(hasBody ? ['Content-Type: application/json', `Content-Length: ${bodyBytes.length}`] : []),
    ];
    const request = Buffer.concat([raw(headerLines.map((line) => `${line}\r\n`).join('') + '\r\n'), bodyBytes]);

    const caseJson: CaseJson = {
      description: spec.description,
      apiKey: spec.apiKey,
      secret: spec.secret,
      method: spec.method,
      path,
      requestTarget: spec.requestTarget,
      query,
      timestamp: spec.timestamp,
      expect: spec.fault ? 'invalid' : 'valid',
      ...(spec.fault ? { mistake: spec.fault.mistake } : {}),
      ...(spec.otherSecrets ? { otherSecrets: spec.otherSecrets } : {}),
      ...(client ? { client } : {}),
    };

    files.set(`${spec.name}/case.json`, raw(`${JSON.stringify(caseJson, null, 2)}\n`));
    files.set(`${spec.name}/body.bin`, bodyBytes);
    files.set(`${spec.name}/request.http`, request);
    files.set(`${spec.name}/string-to-sign.txt`, canonical);
    files.set(`${spec.name}/signature.txt`, raw(signature));
  }
  return files;
}

function main(): void {
  const files = buildVectors();
  const names = new Set(SPECS.map((s) => s.name));
  mkdirSync(FIXTURES_DIR, { recursive: true });
  // Drop case folders that no longer have a spec, so renamed cases do not linger.
  for (const entry of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (entry.isDirectory() && !names.has(entry.name)) rmSync(join(FIXTURES_DIR, entry.name), { recursive: true });
  }
  for (const name of names) rmSync(join(FIXTURES_DIR, name), { recursive: true, force: true });
  for (const [rel, bytes] of files) {
    mkdirSync(dirname(join(FIXTURES_DIR, rel)), { recursive: true });
    writeFileSync(join(FIXTURES_DIR, rel), bytes);
  }
  console.log(`wrote ${SPECS.length} vectors (${files.size} files) to ${FIXTURES_DIR}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
