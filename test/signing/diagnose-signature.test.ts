import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diagnoseSignature, signRequest } from '../../src/signing/index.js';

const SECRET = 'unit_secret_live';
const SANDBOX_SECRET = 'unit_secret_sandbox';
const TS = '1764072000456';
const PY_BODY = '{"symbol": "BTC", "side": "buy", "quantity": 0.01, "note": "caf\u00e9 \ud83d\ude80"}';

const hmac = (secret: string, text: string | Buffer): Buffer => createHmac('sha256', secret).update(text).digest();
const hex = (secret: string, text: string): string => hmac(secret, text).toString('hex');

const REQ = { secret: SECRET, timestamp: TS, method: 'POST', path: '/orders', query: 'dry=1', body: PY_BODY };

function diagnose(signature: string, overrides: Partial<Parameters<typeof diagnoseSignature>[0]> = {}) {
  return diagnoseSignature({ ...REQ, otherSecrets: [SANDBOX_SECRET], signature, ...overrides });
}

describe('diagnoseSignature', () => {
  it('returns the canonical string to sign and no mistake for a valid signature', () => {
    const result = diagnose(signRequest(REQ));
    expect(result).toEqual({ stringToSign: `${TS}POST/orders${PY_BODY}`, mistake: null });
  });

  it.each([
    ['full_path_signed', `${TS}POST/v1/agent/orders${PY_BODY}`, "You signed '/v1/agent/orders'; sign the path relative to /v1/agent: '/orders'."],
    ['full_path_signed', `${TS}POST/v1/agent/orders?dry=1${PY_BODY}`, "without the query string: '/orders'"],
    ['query_signed', `${TS}POST/orders?dry=1${PY_BODY}`, "You signed '/orders?dry=1'"],
    ['seconds_timestamp', `1764072000POST/orders${PY_BODY}`, "seconds ('1764072000')"],
    ['reserialised_body', `${TS}POST/orders${JSON.stringify(JSON.parse(PY_BODY))}`, 'JSON.stringify(JSON.parse(body))'],
    ['reserialised_body', `${TS}POST/orders{"symbol": "BTC", "side": "buy", "quantity": 0.01, "note": "caf\\u00e9 \\ud83d\\ude80"}`, 'Python json.dumps'],
    ['lowercase_method', `${TS}post/orders${PY_BODY}`, "sign it upper-case: 'POST'"],
    ['body_omitted', `${TS}POST/orders`, 'append the exact'],
  ])('names %s (%#)', (code, signed, messagePart) => {
    const { mistake } = diagnose(hex(SECRET, signed));
    expect(mistake?.code).toBe(code);
    expect(mistake?.message).toContain(messagePart);
    // What the client signed, to show next to stringToSign (the dashboard's 401 diagnosis).
    expect(mistake?.signedString).toBe(signed);
  });

  it('gives no signedString when the mistake is not recognised', () => {
    expect(diagnose('0'.repeat(64)).mistake).not.toHaveProperty('signedString');
    expect(diagnose('nope').mistake).not.toHaveProperty('signedString');
  });

  it('recognises a rounded seconds timestamp too', () => {
    const ts = '1764072000789';
    const { mistake } = diagnose(hex(SECRET, `1764072001POST/orders${PY_BODY}`), { timestamp: ts });
    expect(mistake?.code).toBe('seconds_timestamp');
  });

  it('flags a header in seconds even though the signature matches it', () => {
    const { mistake } = diagnose(hex(SECRET, `1764072000POST/orders${PY_BODY}`), { timestamp: '1764072000' });
    expect(mistake?.code).toBe('seconds_timestamp');
    expect(mistake?.message).toMatch(/is in seconds; send milliseconds/);
  });

  it('names base64_signature and uppercase_hex for the right HMAC in the wrong encoding', () => {
    const digest = hmac(SECRET, `${TS}POST/orders${PY_BODY}`);
    expect(diagnose(digest.toString('base64')).mistake?.code).toBe('base64_signature');
    expect(diagnose(digest.toString('base64url')).mistake?.code).toBe('base64_signature');
    expect(diagnose(digest.toString('base64').replace(/=$/, '')).mistake?.code).toBe('base64_signature');
    expect(diagnose(digest.toString('hex').toUpperCase()).mistake?.code).toBe('uppercase_hex');
    expect(diagnose(digest.toString('base64')).mistake?.signedString).toBe(`${TS}POST/orders${PY_BODY}`);
  });

  it('reports both fixes when a wrong encoding comes with another mistake', () => {
    const digest = hmac(SECRET, `${TS}POST/v1/agent/orders${PY_BODY}`);
    const { mistake } = diagnose(digest.toString('base64'));
    expect(mistake?.code).toBe('full_path_signed');
    expect(mistake?.message).toMatch(/Also: send the HMAC as lowercase hex/);
  });

  it('names wrong_secret_mode only for the secrets the caller passes', () => {
    const sandboxSigned = hex(SANDBOX_SECRET, `${TS}POST/orders${PY_BODY}`);
    expect(diagnose(sandboxSigned).mistake?.code).toBe('wrong_secret_mode');
    expect(diagnose(sandboxSigned, { otherSecrets: [] }).mistake?.code).toBe('unrecognised');
  });

  it('says unrecognised when nothing matches, and malformed_signature for non-signatures', () => {
    expect(diagnose('0'.repeat(64)).mistake?.code).toBe('unrecognised');
    expect(diagnose('nope').mistake).toMatchObject({ code: 'malformed_signature' });
    expect(diagnose('a'.repeat(40)).mistake?.message).toMatch(/HMAC-SHA1/);
    expect(diagnose('a'.repeat(128)).mistake?.message).toMatch(/HMAC-SHA512/);
  });

  it('only tries query variants when there is a query, and body variants when there is a body', () => {
    const get = { method: 'GET', path: '/portfolio', query: '', body: '' };
    expect(diagnose(hex(SECRET, `${TS}GET/portfolio?`), get).mistake?.code).toBe('unrecognised');
    expect(diagnose(hex(SECRET, `${TS}GET/v1/agent/portfolio`), get).mistake?.code).toBe('full_path_signed');
  });

  it('honours a custom basePath', () => {
    const { mistake } = diagnose(hex(SECRET, `${TS}POST/v2/bot/orders${PY_BODY}`), { basePath: '/v2/bot' });
    expect(mistake?.message).toContain("'/v2/bot/orders'");
  });

  it('never reveals the secret or the expected signature', () => {
    for (const signature of ['nope', '0'.repeat(64), hex(SECRET, `${TS}POST/orders`), hex(SANDBOX_SECRET, `${TS}POST/orders${PY_BODY}`)]) {
      const text = JSON.stringify(diagnose(signature));
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SANDBOX_SECRET);
      expect(text).not.toContain(signRequest(REQ));
      expect(text).not.toContain(hmac(SECRET, `${TS}POST/orders${PY_BODY}`).toString('base64'));
    }
  });

  it('shows the body as UTF-8 text in stringToSign and accepts a Buffer body', () => {
    const body = Buffer.from('{"name":"Ünïcødé 🚀"}\n', 'utf8');
    const result = diagnose('0'.repeat(64), { body });
    expect(result.stringToSign).toBe(`${TS}POST/orders{"name":"Ünïcødé 🚀"}\n`);
  });
});
