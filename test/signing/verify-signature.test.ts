import { Buffer } from 'node:buffer';
import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signRequest, verifySignature } from '../../src/signing/index.js';

// Wrap timingSafeEqual so the test can see that the constant-time comparison is the one used.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
const SECRET = 'unit_secret_for_verify';
const REQ = { timestamp: '1764072000000', method: 'POST', path: '/orders', body: '{"symbol":"BTC"}' };
const GOOD = signRequest({ secret: SECRET, ...REQ });

afterEach(() => {
  timingSafeEqual.mockClear();
});

describe('verifySignature', () => {
  it('accepts the canonical signature via crypto.timingSafeEqual on two 32-byte buffers', () => {
    expect(verifySignature({ secret: SECRET, ...REQ, signature: GOOD })).toBe(true);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = timingSafeEqual.mock.calls[0] ?? [];
    expect(Buffer.isBuffer(a) && Buffer.isBuffer(b)).toBe(true);
    expect((a as Buffer).length).toBe(32);
    expect((b as Buffer).length).toBe(32);
  });

  it('rejects a well-formed but wrong signature through the same constant-time comparison', () => {
    const wrong = `${GOOD.slice(0, -1)}${GOOD.endsWith('0') ? '1' : '0'}`;
    expect(verifySignature({ secret: SECRET, ...REQ, signature: wrong })).toBe(false);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  it('rejects a signature over other inputs', () => {
    expect(verifySignature({ secret: 'other', ...REQ, signature: GOOD })).toBe(false);
    expect(verifySignature({ secret: SECRET, ...REQ, path: '/orders/', signature: GOOD })).toBe(false);
    expect(verifySignature({ secret: SECRET, ...REQ, body: `${REQ.body}\n`, signature: GOOD })).toBe(false);
    expect(verifySignature({ secret: SECRET, ...REQ, timestamp: '1764072000001', signature: GOOD })).toBe(false);
  });

  it('treats the method case-insensitively on input (the canonical form is upper-case)', () => {
    expect(verifySignature({ secret: SECRET, ...REQ, method: 'post', signature: GOOD })).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too short', GOOD.slice(0, 63)],
    ['too long', `${GOOD}0`],
    ['half length', GOOD.slice(0, 32)],
    ['non-hex', `${GOOD.slice(0, 63)}g`],
    ['upper-case hex (not canonical)', GOOD.toUpperCase()],
    ['base64 of the right HMAC', Buffer.from(GOOD, 'hex').toString('base64')],
    ['surrounding whitespace', ` ${GOOD}`],
    ['a 0x prefix', `0x${GOOD.slice(2)}`],
    ['non-ASCII', 'ü'.repeat(64)],
  ])('returns false without throwing for %s, before any comparison', (_label, signature) => {
    expect(() => verifySignature({ secret: SECRET, ...REQ, signature })).not.toThrow();
    expect(verifySignature({ secret: SECRET, ...REQ, signature })).toBe(false);
    expect(timingSafeEqual).not.toHaveBeenCalled();
  });

  it('returns false, never throws, for non-string values a careless caller might pass', () => {
    for (const signature of [undefined, null, 42, ['a'], {}]) {
      expect(verifySignature({ secret: SECRET, ...REQ, signature: signature as unknown as string })).toBe(false);
    }
    expect(verifySignature({ secret: SECRET, ...REQ, body: undefined as unknown as string, signature: GOOD })).toBe(false);
  });

  it('accepts a Buffer body equal to the string body', () => {
    expect(verifySignature({ secret: SECRET, ...REQ, body: Buffer.from(REQ.body), signature: GOOD })).toBe(true);
  });
});
