import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidCursorError, decodeCursor, encodeCursor, feedIntervalMinutes, feedPage, postAt, sentimentFor, type FeedPost,
} from '../../../src/mock/engine/content/index.js';
import { isEngineError } from '../../../src/mock/engine/errors.js';
import { createModelMarket, createOverridableMarket } from '../../../src/mock/engine/market/index.js';

const T = Date.UTC(2026, 0, 5, 12, 34, 56, 789);
const MINUTE = 60_000;
const market = createModelMarket({ seed: 42 });

describe('social feed', () => {
  it('posts are well-formed, priced by the market, newest first and at most "now"', () => {
    const { items } = feedPage(market, 42, T, { limit: 100 });
    expect(items).toHaveLength(100);
    const step = feedIntervalMinutes(42) * MINUTE;
    expect(step).toBeGreaterThanOrEqual(MINUTE);
    expect(step).toBeLessThanOrEqual(10 * MINUTE);
    expect(items[0]!.createdAt).toBeLessThanOrEqual(T);
    expect(T - items[0]!.createdAt).toBeLessThan(step);
    items.forEach((p, i) => {
      if (i > 0) expect(p.createdAt).toBe(items[i - 1]!.createdAt - step);
      expect(p.id).toMatch(/^post_[0-9a-f]{16}$/);
      expect(p.author.agentId).toMatch(/^agent_[0-9a-f]{24}$/);
      expect(p.author.name).toMatch(/^\S+ \S+/);
      expect(p.author.handle).toMatch(/^[a-z0-9_]+$/);
      expect(market.coin(p.symbol)?.symbol).toBe(p.symbol);
      expect(p.price).toBe(market.price(p.symbol, p.createdAt));
      expect(p.text.includes(p.symbol) || p.text.includes(market.coin(p.symbol)!.name)).toBe(true);
      expect(Number.isInteger(p.likes) && p.likes >= 0).toBe(true);
      if (p.kind === 'trade_idea') {
        expect(['buy', 'sell']).toContain(p.side);
        expect(p.targetPrice).toBeGreaterThan(0);
        if (p.side === 'buy') expect(p.targetPrice!).toBeGreaterThan(p.price);
        else expect(p.targetPrice!).toBeLessThan(p.price);
        expect(p.text).toMatch(p.side === 'buy' ? /^(Long|Buying|Adding) / : /^(Short|Selling|Trimming) /);
      } else {
        expect(p.side).toBeUndefined();
        expect(p.targetPrice).toBeUndefined();
      }
    });
    expect(new Set(items.map((p) => p.kind)).size).toBe(2);
    expect(new Set(items.map((p) => p.author.agentId)).size).toBeGreaterThan(20);
    expect(new Set(items.map((p) => p.symbol)).size).toBeGreaterThan(4);
  });

  it('is deterministic to the byte; other seeds give other feeds', () => {
    const a = feedPage(market, 42, T, { limit: 30 });
    const b = feedPage(createModelMarket({ seed: 42 }), 42, T, { limit: 30 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = feedPage(createModelMarket({ seed: 7 }), 7, T, { limit: 30 });
    expect(c.items.map((p) => p.text)).not.toEqual(a.items.map((p) => p.text));
    // a post is a pure function of (seed, index): generating others in between changes nothing
    const k = Number.parseInt(a.items[3]!.id.slice(5), 16);
    postAt(market, 42, k + 1000);
    expect(postAt(market, 42, k)).toEqual(a.items[3]);
  });

  it('an author keeps the same name and handle across posts', () => {
    const byId = new Map<string, string>();
    for (const p of feedPage(market, 42, T, { limit: 100 }).items) {
      const seen = byId.get(p.author.agentId);
      if (seen) expect(seen).toBe(`${p.author.name}|${p.author.handle}`);
      byId.set(p.author.agentId, `${p.author.name}|${p.author.handle}`);
    }
  });

  it('trade ideas side with the sentiment at their time more often than not', () => {
    let agree = 0;
    let ideas = 0;
    let page = feedPage(market, 42, T, { limit: 100 });
    for (let i = 0; i < 4; i++) {
      for (const p of page.items.filter((x) => x.kind === 'trade_idea')) {
        const score = sentimentFor(market, p.symbol, p.createdAt, 42).score;
        if (score === 0) continue;
        ideas += 1;
        if ((score > 0) === (p.side === 'buy')) agree += 1;
      }
      page = feedPage(market, 42, T, { limit: 100, cursor: page.nextCursor });
    }
    expect(ideas).toBeGreaterThan(50);
    expect(agree / ideas).toBeGreaterThan(0.65);
  });

  it('paging never repeats or skips, even when the clock moves between pages', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 90 * MINUTE })), { minLength: 3, maxLength: 12 }),
        (seed, steps) => {
          const m = createModelMarket({ seed });
          let t = T;
          const first = feedPage(m, seed, t, { limit: steps[0]![0] });
          const seen: FeedPost[] = [...first.items];
          let cursor = first.nextCursor;
          for (const [limit, advance] of steps.slice(1)) {
            t += advance; // new posts appear at the head; the cursor keeps its place
            const page = feedPage(m, seed, t, { limit, cursor });
            seen.push(...page.items);
            cursor = page.nextCursor;
          }
          const ids = seen.map((p) => p.id);
          expect(new Set(ids).size).toBe(ids.length);
          const step = feedIntervalMinutes(seed) * MINUTE;
          for (let i = 1; i < seen.length; i++) expect(seen[i]!.createdAt).toBe(seen[i - 1]!.createdAt - step);
          // and it is the same sequence as one long read at the start time
          const once = feedPage(m, seed, T, { limit: Math.min(100, seen.length) }).items.map((p) => p.id);
          expect(ids.slice(0, once.length)).toEqual(once);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('shows new posts at the head without disturbing a cursor, and hides future posts after a rewind', () => {
    const step = feedIntervalMinutes(42) * MINUTE;
    const p1 = feedPage(market, 42, T, { limit: 5 });
    const later = feedPage(market, 42, T + 3 * step, { limit: 3 });
    expect(later.items.map((p) => p.createdAt)).toEqual([3, 2, 1].map((k) => p1.items[0]!.createdAt + k * step));
    const rewound = feedPage(market, 42, T - 10 * step, { limit: 5, cursor: p1.nextCursor });
    expect(rewound.items[0]!.createdAt).toBeLessThanOrEqual(T - 10 * step);
  });

  it('reflects price overrides in the posts made after them', () => {
    const m = createOverridableMarket(createModelMarket({ seed: 42 }));
    m.pin('BTC', 12_345, T - 600 * MINUTE);
    const btc = feedPage(m, 42, T, { limit: 100 }).items.filter((p) => p.symbol === 'BTC');
    expect(btc.length).toBeGreaterThan(0);
    for (const p of btc) {
      expect(p.price).toBe(p.createdAt >= T - 600 * MINUTE ? 12_345 : market.price('BTC', p.createdAt));
    }
  });

  it('cursors are opaque base64url and strictly validated', () => {
    const c = encodeCursor(42);
    expect(c).toBe('eyJpIjo0Mn0');
    expect(decodeCursor(c)).toBe(42);
    expect(decodeCursor(encodeCursor(-7))).toBe(-7);
    for (const bad of ['', 'not a cursor', 'eyJpIjo0Mn0=', 'eyJpIjoiNDIifQ', 'eyJqIjo0Mn0', 'bnVsbA', 'eyJpIjo0Mi41fQ', '!!!', 'x'.repeat(100)]) {
      expect(() => decodeCursor(bad)).toThrow(InvalidCursorError);
      expect(() => feedPage(market, 42, T, { limit: 5, cursor: bad })).toThrow(InvalidCursorError);
    }
    try {
      decodeCursor('junk');
    } catch (e) {
      expect(isEngineError(e) && e.code === 'invalid_cursor' && e.status === 400).toBe(true);
    }
  });

  it('validates limit', () => {
    expect(() => feedPage(market, 42, T, { limit: 0 })).toThrow(RangeError);
    expect(() => feedPage(market, 42, T, { limit: 101 })).toThrow(RangeError);
    expect(() => feedPage(market, 42, T, { limit: 2.5 })).toThrow(RangeError);
  });
});
