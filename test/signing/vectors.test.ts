// The project signer against the committed vectors in fixtures/signing/.
import type { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseSignature, signedHeaders, signRequest, stringToSign, verifySignature } from '../../src/signing/index.js';
import { loadVectors } from './load-vectors.js';
import { buildVectors, FIXTURES_DIR, SPECS } from './make-vectors.js';

const vectors = loadVectors();
const positive = vectors.filter((v) => v.case.expect === 'valid');
const negative = vectors.filter((v) => v.case.expect === 'invalid');

/** Splits request.http into request line, headers and body (CRLF framing, as on the wire). */
function parseRequest(raw: Buffer): { method: string; target: string; headers: Map<string, string>; body: Buffer } {
  const end = raw.indexOf('\r\n\r\n');
  expect(end).toBeGreaterThan(0);
  const [requestLine = '', ...headerLines] = raw.subarray(0, end).toString('utf8').split('\r\n');
  const [method = '', target = '', version] = requestLine.split(' ');
  expect(version).toBe('HTTP/1.1');
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { method, target, headers, body: raw.subarray(end + 4) };
}

describe('signing vectors: fixtures', () => {
  it('has the required positive and negative cases', () => {
    expect(positive.map((v) => v.name)).toEqual(
      expect.arrayContaining([
        'get-no-query',
        'get-with-query',
        'post-json-body',
        'post-unicode-whitespace-body',
        'delete-order',
        'patch-order',
        'post-empty-body',
      ]),
    );
    expect(negative.map((v) => v.name)).toEqual(
      expect.arrayContaining([
        'wrong-secret',
        'signed-with-query',
        'signed-full-path',
        'seconds-timestamp',
        'reserialised-body',
        'base64-signature',
        'lowercase-method',
      ]),
    );
  });

  it('are exactly what make-vectors.ts generates (regenerate with npx tsx test/signing/make-vectors.ts)', () => {
    const expected = buildVectors();
    expect(vectors.map((v) => v.name)).toEqual(SPECS.map((s) => s.name).sort());
    const onDisk = vectors.flatMap((v) => readdirSync(v.dir).map((file) => `${v.name}/${file}`));
    expect(onDisk.sort()).toEqual([...expected.keys()].sort());
    for (const [file, bytes] of expected) {
      expect(readFileSync(join(FIXTURES_DIR, file)).equals(bytes), file).toBe(true);
    }
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: request.http agrees with case.json, body.bin and signature.txt', (_name, v) => {
    const request = parseRequest(v.request);
    expect(request.method).toBe(v.case.method);
    expect(request.target).toBe(v.case.requestTarget);
    expect(request.target).toBe(`/v1/agent${v.case.path}${v.case.query ? `?${v.case.query}` : ''}`);
    expect(request.headers.get('x-nx-key')).toBe(v.case.apiKey);
    expect(request.headers.get('x-nx-timestamp')).toBe(v.case.timestamp);
    expect(request.headers.get('x-nx-signature')).toBe(v.signature);
    expect(request.body.equals(v.body)).toBe(true);
    if (request.headers.has('content-length')) expect(Number(request.headers.get('content-length'))).toBe(v.body.length);
    // No file may have gained a newline the signer never saw.
    expect(v.signature).toMatch(/^\S+$/);
    expect(v.case.timestamp).toMatch(/^\d{13}$/);
  });

  it('post-unicode-whitespace-body keeps its tabs, double space, CRLF, NFD accent and trailing newline', () => {
    const v = vectors.find((x) => x.name === 'post-unicode-whitespace-body');
    const text = v?.body.toString('utf8') ?? '';
    expect(text).toContain('\t');
    expect(text).toContain(':  "BTC"');
    expect(text).toContain('\r\n');
    expect(text).toContain('Ünïcødé 🚀');
    expect(text).toContain('cafe\u0301');
    expect(text.endsWith('}\n')).toBe(true);
    expect(v?.stringToSign.subarray(-v.body.length).equals(v.body)).toBe(true);
  });
});

describe.each(positive.map((v) => [v.name, v] as const))('positive vector %s', (_name, v) => {
  const input = { timestamp: v.case.timestamp, method: v.case.method, path: v.case.path, body: v.body };

  it('stringToSign reproduces string-to-sign.txt byte for byte', () => {
    expect(stringToSign(input).equals(v.stringToSign)).toBe(true);
    // A string body gives the same bytes as the Buffer body (UTF-8).
    expect(stringToSign({ ...input, body: v.body.toString('utf8') }).equals(v.stringToSign)).toBe(true);
  });

  it('signRequest reproduces signature.txt', () => {
    expect(v.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signRequest({ secret: v.case.secret, ...input })).toBe(v.signature);
  });

  it('signedHeaders, given the request target relative to /v1/agent (query included), produces the headers in request.http', () => {
    const headers = signedHeaders({
      apiKey: v.case.apiKey,
      secret: v.case.secret,
      method: v.case.method,
      path: v.case.requestTarget.slice('/v1/agent'.length),
      body: v.body,
      now: Number(v.case.timestamp),
    });
    expect(headers).toEqual({ 'X-NX-Key': v.case.apiKey, 'X-NX-Signature': v.signature, 'X-NX-Timestamp': v.case.timestamp });
  });

  it('verifySignature accepts it and diagnoseSignature finds no mistake', () => {
    expect(verifySignature({ secret: v.case.secret, ...input, signature: v.signature })).toBe(true);
    const diagnosis = diagnoseSignature({ secret: v.case.secret, ...input, query: v.case.query, signature: v.signature });
    expect(diagnosis).toEqual({ stringToSign: v.stringToSign.toString('utf8'), mistake: null });
  });
});

describe.each(negative.map((v) => [v.name, v] as const))('negative vector %s', (_name, v) => {
  const input = { timestamp: v.case.timestamp, method: v.case.method, path: v.case.path, body: v.body };

  it('string-to-sign.txt is still the canonical string', () => {
    expect(stringToSign(input).equals(v.stringToSign)).toBe(true);
  });

  it("the canonical signature differs from the faulty client's", () => {
    expect(signRequest({ secret: v.case.secret, ...input })).not.toBe(v.signature);
  });

  it('verifySignature rejects the faulty signature', () => {
    expect(verifySignature({ secret: v.case.secret, ...input, signature: v.signature })).toBe(false);
  });

  it(`diagnoseSignature names the mistake (${v.case.mistake})`, () => {
    const diagnosis = diagnoseSignature({
      secret: v.case.secret,
      ...(v.case.otherSecrets ? { otherSecrets: v.case.otherSecrets } : {}),
      ...input,
      query: v.case.query,
      signature: v.signature,
    });
    expect(diagnosis.stringToSign).toBe(v.stringToSign.toString('utf8'));
    expect(diagnosis.mistake?.code).toBe(v.case.mistake);
    // The diagnosis is safe to send to the client: no secret, no expected signature.
    const serialised = JSON.stringify(diagnosis);
    expect(serialised).not.toContain(v.case.secret);
    for (const other of v.case.otherSecrets ?? []) expect(serialised).not.toContain(other);
    expect(serialised).not.toContain(signRequest({ secret: v.case.secret, ...input }));
  });
});
