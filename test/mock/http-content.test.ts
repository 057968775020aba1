// GET /sentiment and GET /social/feed over HTTP: sentiment that follows the market, and a feed
// whose cursor pages never repeat or skip a post (also while time passes), about real coins at
// the model's prices.
import { beforeEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE, T0, T0_MS, advance, expectCall, registerFull, shiftPrice, tradingMock, type Agent, type TestMock } from './trading-support.js';

interface SentimentJson {
  coin: string;
  symbol: string;
  score: number;
  label: string;
  confidence: number;
  sources: number;
  computedAt: string;
}

interface PostJson {
  id: string;
  author: { agentId: string; name: string; handle: string };
  kind: 'post' | 'trade_idea';
  symbol: string;
  text: string;
  price: number;
  side?: 'buy' | 'sell';
  targetPrice?: number;
  createdAt: string;
  likes: number;
}

/** The spec's labels, by score band. */
function bandOf(score: number): string {
  if (score <= -0.6) return 'very_bearish';
  if (score <= -0.2) return 'bearish';
  if (score < 0.2) return 'neutral';
  if (score < 0.6) return 'bullish';
  return 'very_bullish';
}

let m: TestMock;
let agent: Agent;
beforeEach(async () => {
  m = tradingMock();
  agent = await registerFull(m);
});

const sentiment = async (query = ''): Promise<SentimentJson[]> => (await expectCall(m, 200, 'GET', `/sentiment${query}`, { as: agent })).data;
const feed = async (query: string): Promise<{ data: PostJson[]; nextCursor: string | null }> => expectCall(m, 200, 'GET', `/social/feed${query}`, { as: agent });

describe('GET /sentiment', () => {
  it('scores every coin in [−1, 1] with a matching label, a confidence and computedAt on the 5-minute grid', async () => {
    m.ctx.clock.advance(7 * MINUTE + 12_345);
    const now = m.ctx.clock.now();
    const data = await sentiment();
    const coins = (await expectCall(m, 200, 'GET', '/market', { as: agent })).data.map((t: { symbol: string }) => t.symbol);
    expect(data.map((s) => s.symbol)).toEqual(coins);
    for (const s of data) {
      expect(s.score).toBeGreaterThanOrEqual(-1);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.label, `${s.symbol} ${s.score}`).toBe(bandOf(s.score));
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(Number.isInteger(s.sources)).toBe(true);
      const at = Date.parse(s.computedAt);
      expect(at % (5 * MINUTE)).toBe(0);
      expect(now - at).toBeGreaterThanOrEqual(0);
      expect(now - at).toBeLessThan(5 * MINUTE);
    }
  });

  it('answers the coins asked for, in order, by ticker or id', async () => {
    const data = await sentiment('?coins=eth,Bitcoin,SOL');
    expect(data.map((s) => [s.coin, s.symbol])).toEqual([['ethereum', 'ETH'], ['bitcoin', 'BTC'], ['solana', 'SOL']]);
    const res = await m.call('GET', '/sentiment?coins=bitcoin,nope', { as: agent });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('unknown_symbol');
  });

  it.each([
    [20, ['bullish', 'very_bullish'], 1],
    [-20, ['bearish', 'very_bearish'], -1],
  ])('follows a forced %s %% move an hour later', async (percent, labels, sign) => {
    const [before] = await sentiment('?coins=BTC');
    await shiftPrice(m, 'BTC', percent);
    await advance(m, HOUR);
    const [after] = await sentiment('?coins=BTC');
    expect(after!.computedAt).toBe(new Date(T0_MS + HOUR).toISOString());
    expect(Math.sign(after!.score)).toBe(sign);
    expect(Math.abs(after!.score)).toBeGreaterThan(0.5);
    expect(labels).toContain(after!.label);
    expect(after!.label).toBe(bandOf(after!.score));
    expect(sign * (after!.score - before!.score)).toBeGreaterThan(0);
    // The other coins did not move with BTC's override.
    const [eth] = await sentiment('?coins=ETH');
    expect(Math.abs(eth!.score)).toBeLessThan(0.9);
  });

  it('needs read:sentiment', async () => {
    const other = await m.register({ permissions: ['read:market'] });
    const res = await m.call('GET', '/sentiment', { as: other });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'permission_denied', requiredPermission: 'read:sentiment' });
  });
});

describe('GET /social/feed', () => {
  it('pages newest first over 6 pages of 10 without repeating or skipping a post', async () => {
    const truth = (await feed('?limit=60')).data.map((p) => p.id);
    expect(new Set(truth).size).toBe(60);
    const seen: PostJson[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 6; page++) {
      const res: { data: PostJson[]; nextCursor: string | null } = await feed(cursor === null ? '?limit=10' : `?limit=10&cursor=${cursor}`);
      expect(res.data).toHaveLength(10);
      expect(res.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      seen.push(...res.data);
      cursor = res.nextCursor;
    }
    expect(seen.map((p) => p.id)).toEqual(truth);
    const times = seen.map((p) => Date.parse(p.createdAt));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThan(times[i - 1]!);
    expect(times[0]).toBeLessThanOrEqual(T0_MS);
  });

  it('keeps paging consistent while the clock advances and new posts appear at the head', async () => {
    const truth = (await feed('?limit=50')).data.map((p) => p.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: { data: PostJson[]; nextCursor: string | null } = await feed(cursor === null ? '?limit=10' : `?limit=10&cursor=${cursor}`);
      seen.push(...res.data.map((p) => p.id));
      cursor = res.nextCursor;
      await advance(m, 45 * MINUTE);
    }
    expect(seen).toEqual(truth);
    // Meanwhile the head moved on: the first page now starts with newer posts.
    const head = (await feed('?limit=10')).data;
    expect(Date.parse(head[0]!.createdAt)).toBeGreaterThan(T0_MS);
    expect(head.map((p) => p.id)).not.toContain(truth[0]);
  });

  it.each(['garbage', 'eyJpIjoxLjV9', 'bzE6Mw', 'e30'])('rejects cursor %s with 400 invalid_cursor', async (cursor) => {
    const res = await m.call('GET', `/social/feed?cursor=${cursor}`, { as: agent });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_cursor');
  });

  it('posts about listed coins at the model price at createdAt (the 1m candle open), with sensible ideas', async () => {
    const posts = (await feed('?limit=50')).data;
    const names = new Map<string, string>((await expectCall(m, 200, 'GET', '/market', { as: agent })).data.map((t: { symbol: string; name: string }) => [t.symbol, t.name]));
    const opens = new Map<string, Map<string, number>>();
    for (const symbol of new Set(posts.map((p) => p.symbol))) {
      const candles = (await expectCall(m, 200, 'GET', `/market/${symbol}/candles?interval=1m&limit=1000`, { as: agent })).data.candles;
      opens.set(symbol, new Map(candles.map((c: { openTime: string; open: number }) => [c.openTime, c.open])));
    }
    expect(posts.some((p) => p.kind === 'trade_idea')).toBe(true);
    for (const p of posts) {
      expect(names.has(p.symbol), p.symbol).toBe(true);
      expect(p.text.includes(p.symbol) || p.text.includes(names.get(p.symbol)!), p.text).toBe(true); // ticker or name
      const open = opens.get(p.symbol)?.get(p.createdAt);
      expect(open, `${p.symbol} at ${p.createdAt}`).toBeDefined();
      expect(p.price).toBe(open);
      // A number in the text is the price, as written for people (thousands separators).
      const numbers = [...p.text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((x) => Number(x[0].replace(/,/g, '')));
      expect(numbers.some((n) => Math.abs(n - p.price) / p.price < 0.005), p.text).toBe(true);
      if (p.kind === 'trade_idea') {
        expect(p.side === 'buy' ? p.targetPrice! > p.price : p.targetPrice! < p.price, p.text).toBe(true);
      } else {
        expect(p.side).toBeUndefined();
      }
      expect(p.author.agentId).toMatch(/^agent_/);
      expect(p.createdAt <= T0).toBe(true);
    }
  });

  it('needs read:social', async () => {
    const other = await m.register({ permissions: ['read:market', 'read:sentiment'] });
    const res = await m.call('GET', '/social/feed', { as: other });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'permission_denied', requiredPermission: 'read:social' });
  });
});
