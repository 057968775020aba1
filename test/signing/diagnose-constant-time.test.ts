// The diagnosis compares digests in constant time, as verifySignature does (issue 12): every
// candidate goes through crypto.timingSafeEqual, never Buffer#equals.
import { describe, expect, it, vi } from 'vitest';

const compared = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.count += 1;
      return crypto.timingSafeEqual(a, b);
    },
  };
});

const { diagnoseSignature } = await import('../../src/signing/diagnose-signature.js');

describe('diagnoseSignature', () => {
  it('compares the received digest with each candidate in constant time', () => {
    const equals = vi.spyOn(Buffer.prototype, 'equals');
    const body = '{"symbol":"BTC","side":"buy","type":"market","quantity":1}';
    const result = diagnoseSignature({ secret: 's3cret-for-the-test', timestamp: '1764072000000', method: 'POST', path: '/orders', query: 'a=1', body, signature: 'ab'.repeat(32), otherSecrets: ['other-secret'] });
    expect(result.mistake?.code).toBe('unrecognised');
    // The canonical string and every candidate (paths, seconds, re-serialisations, method, body, the other secret).
    expect(compared.count).toBeGreaterThanOrEqual(10);
    expect(equals).not.toHaveBeenCalled();
    equals.mockRestore();
  });
});
