import { describe, expect, it } from 'vitest';
import { checkTimestamp } from '../../src/signing/index.js';

const NOW = 1_764_072_000_000;

describe('checkTimestamp', () => {
  it.each([
    ['exactly now', 0],
    ['+30 000 ms (inclusive)', 30_000],
    ['-30 000 ms (inclusive)', -30_000],
    ['+29 999 ms', 29_999],
  ])('accepts %s', (_label, offset) => {
    expect(checkTimestamp(String(NOW + offset), NOW)).toEqual({ ok: true, timestampMs: NOW + offset });
  });

  it.each([
    ['+30 001 ms', 30_001],
    ['-30 001 ms', -30_001],
  ])('rejects %s as timestamp_out_of_window with skewMs = timestamp - now', (_label, offset) => {
    const result = checkTimestamp(String(NOW + offset), NOW);
    expect(result).toMatchObject({ ok: false, code: 'timestamp_out_of_window', skewMs: offset });
    if (!result.ok) {
      expect(result.detail).toContain(`${Math.abs(offset)} ms ${offset > 0 ? 'ahead of' : 'behind'}`);
      expect(result.detail).toContain('±30000 ms');
    }
  });

  it('honours a custom window', () => {
    expect(checkTimestamp(String(NOW + 5_000), NOW, 5_000).ok).toBe(true);
    expect(checkTimestamp(String(NOW + 5_001), NOW, 5_000)).toMatchObject({ ok: false, code: 'timestamp_out_of_window' });
  });

  it('reports a missing header as missing_timestamp', () => {
    expect(checkTimestamp(undefined, NOW)).toMatchObject({ ok: false, code: 'missing_timestamp' });
  });

  it("treats an empty header ('') as missing_timestamp, like the other empty auth headers", () => {
    const result = checkTimestamp('', NOW);
    expect(result).toMatchObject({ ok: false, code: 'missing_timestamp' });
    if (!result.ok) expect(result.detail).toContain('is empty');
  });

  it.each([
    ['letters', 'abc', 'not a base-10 integer'],
    ['a fraction', '12.5', 'fraction'],
    ['seconds as a float', '1764072000.123', 'fraction'],
    ['negative', '-5', 'sign'],
    ['explicit plus', '+1764072000000', 'sign'],
    ['an exponent', '1.764072e12', 'not a base-10 integer'],
    ['whitespace', ' 1764072000000', 'not a base-10 integer'],
    ['hex', '0x19AB', 'not a base-10 integer'],
    ['non-ASCII digits', '١٧٦٤٠٧٢٠٠٠٠٠٠', 'not a base-10 integer'],
    ['17 digits', '17640720000000000', '17 digits'],
    ['19 digits (nanoseconds)', '1764072000000000000', '19 digits'],
  ])('rejects %s as invalid_timestamp', (_label, header, detailPart) => {
    const result = checkTimestamp(header, NOW);
    expect(result).toMatchObject({ ok: false, code: 'invalid_timestamp' });
    if (!result.ok) {
      expect(result.detail).toContain(detailPart);
      expect(result.skewMs).toBeUndefined();
    }
  });

  it('accepts 16 digits syntactically (and then judges the window)', () => {
    expect(checkTimestamp('9999999999999999', NOW)).toMatchObject({ ok: false, code: 'timestamp_out_of_window' });
    expect(checkTimestamp(`000${NOW}`, NOW)).toEqual({ ok: true, timestampMs: NOW });
  });

  it('says "this looks like seconds; send milliseconds" for a seconds value', () => {
    const result = checkTimestamp(String(Math.floor(NOW / 1000)), NOW);
    expect(result).toMatchObject({ ok: false, code: 'timestamp_out_of_window' });
    if (!result.ok) expect(result.detail).toMatch(/looks like seconds; send milliseconds/);
    // Still recognised when the client clock is a little off.
    const skewed = checkTimestamp(String(Math.floor((NOW - 20_000) / 1000)), NOW);
    if (!skewed.ok) expect(skewed.detail).toMatch(/looks like seconds/);
  });

  it('recognises microseconds', () => {
    const result = checkTimestamp(String(NOW * 1000), NOW);
    expect(result).toMatchObject({ ok: false, code: 'timestamp_out_of_window' });
    if (!result.ok) expect(result.detail).toMatch(/looks like microseconds/);
  });

  it('does not call an ordinary stale timestamp "seconds"', () => {
    const result = checkTimestamp(String(NOW - 3_600_000), NOW);
    if (result.ok) throw new Error('expected rejection');
    expect(result.detail).not.toMatch(/seconds;/);
    expect(result.detail).toContain('3600000 ms behind');
  });
});
