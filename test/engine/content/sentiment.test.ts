import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SENTIMENT_BUCKET_MS, labelFor, sentimentFor } from '../../../src/mock/engine/content/index.js';
import { DEFAULT_COINS, MODEL_EPOCH, createModelMarket, createOverridableMarket } from '../../../src/mock/engine/market/index.js';

const T = Date.UTC(2026, 0, 5, 12, 34, 56, 789);
const HOUR = 3_600_000;
const base = createModelMarket({ seed: 42 });
const anySymbol = fc.constantFrom(...DEFAULT_COINS.map((c) => c.symbol));

describe('sentimentFor', () => {
  it('is bounded, rounded, labelled consistently and stamped with its 5-minute bucket', () => {
    fc.assert(
      fc.property(anySymbol, fc.integer({ min: MODEL_EPOCH - 300 * 86_400_000, max: MODEL_EPOCH + 700 * 86_400_000 }), (symbol, t) => {
        const s = sentimentFor(base, symbol, t, 42);
        const c = base.coin(symbol)!;
        expect(s.coin).toBe(c.id);
        expect(s.symbol).toBe(c.symbol);
        expect(s.score).toBeGreaterThanOrEqual(-1);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(Number(s.score.toFixed(3))).toBe(s.score);
        expect(s.confidence).toBeGreaterThanOrEqual(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
        expect(Number(s.confidence.toFixed(2))).toBe(s.confidence);
        expect(Number.isInteger(s.sources) && s.sources >= 0).toBe(true);
        expect(s.label).toBe(labelFor(s.score));
        expect(s.computedAt % SENTIMENT_BUCKET_MS).toBe(0);
        expect(s.computedAt).toBeLessThanOrEqual(t);
        expect(t - s.computedAt).toBeLessThan(SENTIMENT_BUCKET_MS);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and constant within a bucket; seeds differ', () => {
    const bucket = Math.floor(T / SENTIMENT_BUCKET_MS) * SENTIMENT_BUCKET_MS;
    const a = sentimentFor(base, 'BTC', bucket, 42);
    expect(sentimentFor(base, 'btc', bucket + SENTIMENT_BUCKET_MS - 1, 42)).toEqual(a);
    expect(JSON.stringify(sentimentFor(createModelMarket({ seed: 42 }), 'bitcoin', bucket + 1, 42))).toBe(JSON.stringify(a));
    const scores = new Set(Array.from({ length: 20 }, (_, i) => sentimentFor(base, 'BTC', T, i).score));
    expect(scores.size).toBeGreaterThan(10);
  });

  it('is balanced over time and uses every label', () => {
    const labels = new Map<string, number>();
    let sum = 0;
    for (let i = 0; i < 1500; i++) {
      const s = sentimentFor(base, DEFAULT_COINS[i % DEFAULT_COINS.length]!.symbol, T + i * 7_919_000, 42);
      sum += s.score;
      labels.set(s.label, (labels.get(s.label) ?? 0) + 1);
    }
    expect(Math.abs(sum / 1500)).toBeLessThan(0.1);
    expect(labels.size).toBe(5);
  });

  it('follows a strong move forced through an override, in both directions', () => {
    for (const [percent, label] of [
      [15, 'very_bullish'],
      [-15, 'very_bearish'],
    ] as const) {
      const m = createOverridableMarket(createModelMarket({ seed: 42 }));
      m.shift('SOL', percent, T - HOUR / 2);
      const s = sentimentFor(m, 'SOL', T, 42);
      expect(Math.sign(s.score)).toBe(Math.sign(percent));
      expect(Math.abs(s.score)).toBeGreaterThan(0.9);
      expect(s.label).toBe(label);
      expect(s.confidence).toBeGreaterThan(0.6);
    }
  });

  it('throws for unknown coins', () => {
    expect(() => sentimentFor(base, 'NOPE', T, 42)).toThrow(/Unknown coin/);
  });
});
