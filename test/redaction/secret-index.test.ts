// The credential index: every run of RUN characters of every secret is found, nothing shorter,
// through table growth, shared runs and clear().
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RUN, SecretIndex } from '../../src/redaction/secret-index.js';

const hits = (index: SecretIndex, s: string): [number, number][] => {
  const out: [number, number][] = [];
  index.scan(s, (a, b) => void out.push([a, b]));
  return out;
};

describe('SecretIndex', () => {
  it('finds every run of every secret, after the table has grown many times', () => {
    const index = new SecretIndex();
    const secrets = Array.from({ length: 3_000 }, () => randomBytes(32).toString('base64url'));
    for (const s of secrets) index.add(s);
    expect(index.size).toBe(3_000);
    for (const s of secrets.filter((_, i) => i % 97 === 0)) {
      for (let at = 0; at + RUN <= s.length; at++) expect(index.carries(`<${s.slice(at, at + RUN)}>`), `${s} @${at}`).toBe(true);
      expect(index.carries(s.slice(0, RUN - 1))).toBe(false);
    }
  });

  it('reports where the runs are, and stops when asked', () => {
    const index = new SecretIndex();
    index.add('abcdefghijKLMN');
    // The whole stretch that agrees with the secret, found from each indexed piece inside it.
    expect(new Set(hits(index, 'xx abcdefghij yy').map(String))).toEqual(new Set(['3,13']));
    expect(hits(index, 'xx abcdefg yy')).toEqual([]); // seven characters are not a run
    let calls = 0;
    index.scan('abcdefghijKLMN', () => ++calls === 2);
    expect(calls).toBe(2);
  });

  it('keeps one copy of a run many secrets share, and still finds each secret', () => {
    const index = new SecretIndex();
    const secrets = Array.from({ length: 500 }, (_, i) => `test-secret-${String(i).padStart(8, '0')}-abcdefghijklmnop`);
    for (const s of secrets) index.add(s);
    expect(index.carries('…abcdefghijklmnop…')).toBe(true);
    expect(index.carries(`${secrets[321]!.slice(5, 21)}`)).toBe(true);
    expect(index.carries('test-secret-0000')).toBe(true);
    expect(index.carries('unrelated text of any length at all')).toBe(false);
  });

  it('matches secrets shorter than a run whole, ignores empty ones, forgets all on clear()', () => {
    const index = new SecretIndex();
    index.add('s3cr');
    index.add('');
    expect(index.size).toBe(1);
    expect(hits(index, 'a s3cr b s3cr')).toEqual([[2, 6], [9, 13]]);
    index.add('a-long-enough-secret');
    index.clear();
    expect(index.size).toBe(0);
    expect(index.carries('s3cr a-long-enough-secret')).toBe(false);
  });
});
