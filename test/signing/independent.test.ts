// Independent implementations (openssl, Python stdlib) agree with the committed vectors, so the
// vectors do not merely restate the project signer. Each tool runs once for all vectors (openssl
// once per distinct secret), not once per vector: spawning is most of this file's cost.
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/signing/index.js';
import { loadVectors } from './load-vectors.js';
import type { ClientEncoding } from './make-vectors.js';

function hasBinary(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HAVE_OPENSSL = hasBinary('openssl', ['version']);
const HAVE_PYTHON = hasBinary('python3', ['--version']);

/** One HMAC to compute: the key, and the file whose bytes are the message. */
interface Job {
  secret: string;
  file: string;
}
type Digests = Map<string, string>;
const jobKey = (secret: string, file: string): string => `${secret}\n${file}`;

/**
 * `openssl dgst -sha256 -hmac <secret> -r <files…>` prints "<hex> *<file>" per file, in order: one
 * process per distinct secret (the vectors use two), not one per vector.
 */
function opensslHmacs(jobs: readonly Job[]): Digests {
  const filesBySecret = new Map<string, Set<string>>();
  for (const { secret, file } of jobs) filesBySecret.set(secret, (filesBySecret.get(secret) ?? new Set()).add(file));
  const digests: Digests = new Map();
  for (const [secret, fileSet] of filesBySecret) {
    const files = [...fileSet];
    const lines = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret, '-r', ...files], { encoding: 'utf8' }).trim().split('\n');
    if (lines.length !== files.length) throw new Error(`openssl printed ${lines.length} digests for ${files.length} files:\n${lines.join('\n')}`);
    files.forEach((file, i) => digests.set(jobKey(secret, file), lines[i]!.split(/\s+/)[0] ?? ''));
  }
  return digests;
}

// One python3 for every job: reads each file as bytes and keys the HMAC with secret.encode(),
// like the published client.
const PY_HMACS = `
import hashlib, hmac, json, sys
jobs = json.load(sys.stdin)
print(json.dumps([hmac.new(secret.encode(), open(file, 'rb').read(), hashlib.sha256).hexdigest() for secret, file in jobs]))
`;

function pythonHmacs(jobs: readonly Job[]): Digests {
  const input = JSON.stringify(jobs.map((j) => [j.secret, j.file]));
  const hexes = JSON.parse(execFileSync('python3', ['-c', PY_HMACS], { input, encoding: 'utf8' })) as string[];
  return new Map(jobs.map((j, i) => [jobKey(j.secret, j.file), hexes[i] ?? '']));
}

function encodeAs(hex: string, encoding: ClientEncoding): string {
  if (encoding === 'base64') return Buffer.from(hex, 'hex').toString('base64');
  return encoding === 'uppercase-hex' ? hex.toUpperCase() : hex;
}

const vectors = loadVectors();
const positive = vectors.filter((v) => v.case.expect === 'valid');
const negative = vectors.filter((v) => v.case.expect === 'invalid');
// Every HMAC the tests below compare, computed in one batch per tool.
const JOBS: Job[] = [
  ...vectors.map((v) => ({ secret: v.case.secret, file: join(v.dir, 'string-to-sign.txt') })),
  ...negative.flatMap((v) => (v.case.client ? [{ secret: v.case.client.secret, file: join(v.dir, 'client-string-to-sign.txt') }] : [])),
];

describe.each([
  ['openssl dgst -sha256 -hmac', HAVE_OPENSSL, opensslHmacs, 'openssl binary not found on PATH'],
  ['python3 hmac/hashlib', HAVE_PYTHON, pythonHmacs, 'python3 binary not found on PATH'],
] as const)('%s', (_tool, available, hmacAll, reason) => {
  let digests: Digests = new Map();
  beforeAll(() => {
    if (available) digests = hmacAll(JOBS);
  });
  const hmacHex = (secret: string, file: string): string => {
    const hex = digests.get(jobKey(secret, file));
    if (hex === undefined) throw new Error(`no digest computed for ${file}: add it to JOBS`);
    return hex;
  };

  it.skipIf(!available).each(positive.map((v) => [v.name, v] as const))(
    `%s: HMAC over string-to-sign.txt equals signature.txt${available ? '' : ` (skipped: ${reason})`}`,
    (_name, v) => {
      expect(hmacHex(v.case.secret, join(v.dir, 'string-to-sign.txt'))).toBe(v.signature);
    },
  );

  it.skipIf(!available).each(negative.map((v) => [v.name, v] as const))(
    `%s: reproduces the faulty signature from client-string-to-sign.txt, and the canonical one differs${available ? '' : ` (skipped: ${reason})`}`,
    (_name, v) => {
      const client = v.case.client;
      expect(client).toBeDefined();
      if (!client) return;
      const faulty = hmacHex(client.secret, join(v.dir, 'client-string-to-sign.txt'));
      expect(encodeAs(faulty, client.encoding)).toBe(v.signature);
      const canonical = hmacHex(v.case.secret, join(v.dir, 'string-to-sign.txt'));
      expect(canonical).toBe(
        signRequest({ secret: v.case.secret, timestamp: v.case.timestamp, method: v.case.method, path: v.case.path, body: v.body }),
      );
      expect(canonical).not.toBe(v.signature);
    },
  );
});

describe('the published Python example client', () => {
  // Its signing code verbatim (payload f-string, json.dumps body), fed the post-json-body inputs.
  const PY_CLIENT = `
import hashlib, hmac, json, sys
api_secret, timestamp, method, path = sys.argv[1:5]
body = json.dumps({"symbol": "BTC", "side": "buy", "type": "market", "quantity": 0.01, "price": None})
payload = f"{timestamp}{method}{path}{body}"
signature = hmac.new(api_secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
print(json.dumps({"body": body, "signature": signature}))
`;

  it.skipIf(!HAVE_PYTHON)(
    `produces the post-json-body body and signature${HAVE_PYTHON ? '' : ' (skipped: python3 binary not found on PATH)'}`,
    () => {
      const v = positive.find((x) => x.name === 'post-json-body');
      if (!v) throw new Error('post-json-body vector missing');
      const out = JSON.parse(
        execFileSync('python3', ['-c', PY_CLIENT, v.case.secret, v.case.timestamp, v.case.method, v.case.path], {
          encoding: 'utf8',
        }),
      ) as { body: string; signature: string };
      expect(Buffer.from(out.body, 'utf8').equals(v.body)).toBe(true);
      expect(out.signature).toBe(v.signature);
    },
  );
});
