// Independent implementations (openssl, Python stdlib) agree with the committed vectors, so the
// vectors do not merely restate the project signer.
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

/** `openssl dgst -sha256 -hmac <secret> -r <file>` prints "<hex> *<file>". */
function opensslHmacHex(secret: string, file: string): string {
  const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret, '-r', file], { encoding: 'utf8' });
  return out.trim().split(/\s+/)[0] ?? '';
}

// Reads the file as bytes and keys the HMAC with secret.encode(), like the published client.
const PY_HMAC = `
import hashlib, hmac, sys
print(hmac.new(sys.argv[1].encode(), open(sys.argv[2], 'rb').read(), hashlib.sha256).hexdigest())
`;

function pythonHmacHex(secret: string, file: string): string {
  return execFileSync('python3', ['-c', PY_HMAC, secret, file], { encoding: 'utf8' }).trim();
}

function encodeAs(hex: string, encoding: ClientEncoding): string {
  if (encoding === 'base64') return Buffer.from(hex, 'hex').toString('base64');
  return encoding === 'uppercase-hex' ? hex.toUpperCase() : hex;
}

const vectors = loadVectors();
const positive = vectors.filter((v) => v.case.expect === 'valid');
const negative = vectors.filter((v) => v.case.expect === 'invalid');

describe.each([
  ['openssl dgst -sha256 -hmac', HAVE_OPENSSL, opensslHmacHex, 'openssl binary not found on PATH'],
  ['python3 hmac/hashlib', HAVE_PYTHON, pythonHmacHex, 'python3 binary not found on PATH'],
] as const)('%s', (_tool, available, hmacHex, reason) => {
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
