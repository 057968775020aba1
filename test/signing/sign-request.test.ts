import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedHeaders, signRequest, stringToSign } from '../../src/signing/index.js';

const SECRET = 'unit_secret_for_signing';
const BASE = { secret: SECRET, timestamp: '1764072000000', method: 'GET', path: '/market', body: '' };

describe('stringToSign', () => {
  it('is UTF-8(timestamp + METHOD + path) followed by the raw body bytes', () => {
    expect(stringToSign({ timestamp: '1', method: 'post', path: '/orders', body: '{"a": 1}' }).toString('utf8')).toBe(
      '1POST/orders{"a": 1}',
    );
  });

  it('keeps a Buffer body byte for byte, even when it is not valid UTF-8', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    const bytes = stringToSign({ timestamp: '1', method: 'POST', path: '/x', body });
    expect(bytes.equals(Buffer.concat([Buffer.from('1POST/x'), body]))).toBe(true);
  });

  it('does not normalise the path or the body (no decoding, no Unicode normalisation, no trimming)', () => {
    const text = stringToSign({ timestamp: '1', method: 'GET', path: '/a%2Fb/./c', body: ' cafe\u0301\n' }).toString('utf8');
    expect(text).toBe('1GET/a%2Fb/./c cafe\u0301\n');
  });

  it('is literal: it does not guard against a query string or the /v1/agent prefix (the signer does)', () => {
    expect(stringToSign({ timestamp: '1', method: 'GET', path: '/v1/agent/m?q=1', body: '' }).toString()).toBe('1GET/v1/agent/m?q=1');
  });
});

describe('signRequest', () => {
  it('is lowercase hex HMAC-SHA256 keyed with the UTF-8 secret', () => {
    const expected = createHmac('sha256', SECRET).update('1764072000000GET/market').digest('hex');
    expect(signRequest(BASE)).toBe(expected);
    expect(signRequest(BASE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('upper-cases the method', () => {
    expect(signRequest({ ...BASE, method: 'get' })).toBe(signRequest(BASE));
  });

  it.each([
    ['an empty secret', { secret: '' }, /secret is empty/],
    ['a query string in the path', { path: '/market?coins=bitcoin' }, /query string.*"\/market"/],
    ['the /v1/agent prefix', { path: '/v1/agent/orders' }, /relative to it: "\/orders"/],
    ['exactly /v1/agent', { path: '/v1/agent' }, /includes \/v1\/agent/],
    ['a path without a leading slash', { path: 'orders' }, /must start with '\/'/],
    ['a seconds timestamp with a fraction', { timestamp: '1764072000.5' }, /not 1-16 decimal digits/],
    ['an empty timestamp', { timestamp: '' }, /not 1-16 decimal digits/],
    ['a 17-digit timestamp', { timestamp: '17640720000000000' }, /not 1-16 decimal digits/],
    ['a method that is not a token', { method: 'GET /x' }, /not an HTTP method/],
  ])('throws a clear error for %s', (_label, override, message) => {
    expect(() => signRequest({ ...BASE, ...override })).toThrow(message);
  });

  it('accepts paths that merely resemble the prefix', () => {
    expect(() => signRequest({ ...BASE, path: '/v1/agents' })).not.toThrow();
  });
});

describe('signedHeaders', () => {
  it('returns the three headers with timestamp = String(now)', () => {
    const headers = signedHeaders({ apiKey: 'nx_live_k', secret: SECRET, method: 'GET', path: '/market', body: '', now: 1764072000000 });
    expect(headers).toEqual({
      'X-NX-Key': 'nx_live_k',
      'X-NX-Signature': signRequest(BASE),
      'X-NX-Timestamp': '1764072000000',
    });
  });

  it('strips the query string before signing (the published client signs "/market" but requests "/market?coins=bitcoin")', () => {
    const withQuery = signedHeaders({ apiKey: 'k', secret: SECRET, method: 'GET', path: '/market?coins=bitcoin', body: '', now: 1764072000000 });
    expect(withQuery['X-NX-Signature']).toBe(signRequest(BASE));
    const emptyQuery = signedHeaders({ apiKey: 'k', secret: SECRET, method: 'GET', path: '/market?', body: '', now: 1764072000000 });
    expect(emptyQuery['X-NX-Signature']).toBe(signRequest(BASE));
  });

  it('defaults body to "" and now to the current time', () => {
    const before = Date.now();
    const headers = signedHeaders({ apiKey: 'k', secret: SECRET, method: 'GET', path: '/market' });
    const ts = Number(headers['X-NX-Timestamp']);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Date.now());
    expect(headers['X-NX-Signature']).toBe(signRequest({ ...BASE, timestamp: headers['X-NX-Timestamp'] }));
  });

  it.each([1764072000.5, -1, Number.NaN, 1e20])('rejects now = %s', (now) => {
    expect(() => signedHeaders({ apiKey: 'k', secret: SECRET, method: 'GET', path: '/market', now })).toThrow(/now must be/);
  });

  it('still refuses a full /v1/agent path', () => {
    expect(() =>
      signedHeaders({ apiKey: 'k', secret: SECRET, method: 'GET', path: '/v1/agent/market?coins=bitcoin', now: 1 }),
    ).toThrow(/relative to it/);
  });
});
