// The social feed: an infinite, deterministic stream of posts by fictional agents. Post k (any
// integer, negative before the model epoch) is created at EPOCH + k * interval, where the
// interval (1..10 minutes) is chosen by the seed; everything else about it is a pure function of
// (seed, k) and the market at that time. So the feed at time t is simply k = head(t), head-1, ...
// and a cursor only needs to carry the last index returned: later pages continue below it, and
// posts that appear while a client pages through only ever show up at the head.
import type { EpochMs, MarketSource } from '../types.js';
import { EngineError } from '../errors.js';
import { hash32, hashToUnit } from '../random.js';
import { EPOCH as FEED_EPOCH, decimalsOf, percentChange, roundToStep } from '../market/grid.js';
import { sentimentFor } from './sentiment.js';
import { AUTHOR_POOL, authorFor, formatPrice, postText, type FeedAuthor } from './feed-text.js';

export type { FeedAuthor } from './feed-text.js';

export interface FeedPost {
  id: string;
  author: FeedAuthor;
  kind: 'post' | 'trade_idea';
  symbol: string;
  text: string;
  /** The market's price at createdAt. */
  price: number;
  side?: 'buy' | 'sell';
  targetPrice?: number;
  createdAt: EpochMs;
  likes: number;
}

export interface FeedPage {
  items: FeedPost[];
  /** Always present: the feed goes back forever. */
  nextCursor: string;
}

/** A cursor that this feed did not hand out (maps to 400 invalid_cursor). */
export class InvalidCursorError extends EngineError {
  constructor() {
    super('invalid_cursor', 'The cursor is not one this feed gave out. Pass nextCursor from the previous page unchanged, or omit it.');
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;
export const MAX_FEED_LIMIT = 100;

/** Minutes between posts for a seed: 1..10. */
export const feedIntervalMinutes = (seed: number | string): number => 1 + (hash32('feed-interval', seed) % 10);

/** Index of the newest post at or before t. */
export const headIndex = (seed: number | string, t: EpochMs): number =>
  Math.floor((t - FEED_EPOCH) / (feedIntervalMinutes(seed) * MINUTE));

// Cursor: base64url of {"i":<index of the last post returned>}. Decoding is strict and checks the
// canonical re-encoding, so any edited or foreign string is rejected rather than misread.
export const encodeCursor = (index: number): string => Buffer.from(JSON.stringify({ i: index })).toString('base64url');

export function decodeCursor(cursor: string): number {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw new InvalidCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const i = (parsed as { i?: unknown } | null)?.i;
  if (typeof i !== 'number' || !Number.isSafeInteger(i) || encodeCursor(i) !== cursor) throw new InvalidCursorError();
  return i;
}

/** post_ + the index as 16 hex digits (two's complement for negative indices, so ids stay unique). */
const postId = (k: number): string => `post_${BigInt.asUintN(64, BigInt(k)).toString(16).padStart(16, '0')}`;

/** Post k of the feed for a seed. */
export function postAt(market: MarketSource, seed: number | string, k: number): FeedPost {
  const coins = market.coins();
  const createdAt = FEED_EPOCH + k * feedIntervalMinutes(seed) * MINUTE;
  const u = (what: string): number => hashToUnit('feed', what, seed, k);
  // Coins are picked in proportion to their volume: BTC and ETH dominate the chatter.
  const total = coins.reduce((s, c) => s + c.baseVolume24h, 0);
  let pick = u('coin') * total;
  const coin = coins.find((c) => (pick -= c.baseVolume24h) < 0) ?? coins[coins.length - 1]!;
  const price = market.price(coin.symbol, createdAt);
  const change24h = percentChange(price, market.price(coin.symbol, createdAt - DAY));
  const decimals = decimalsOf(coin.tickSize);
  const post: FeedPost = {
    id: postId(k),
    author: authorFor(seed, Math.floor(u('author') * AUTHOR_POOL)),
    kind: u('kind') < 0.35 ? 'trade_idea' : 'post',
    symbol: coin.symbol,
    text: '',
    price,
    createdAt,
    likes: Math.floor(Math.exp(u('likes') * Math.log(250))) - 1, // log-uniform 0..249: most posts get few
  };
  let idea: { side: 'buy' | 'sell'; targetText: string; targetPct: number } | undefined;
  if (post.kind === 'trade_idea') {
    // Ideas lean with sentiment: ~80-95 % on its side when it has a sign, a coin flip when it is 0.
    const score = sentimentFor(market, coin.symbol, createdAt, seed).score;
    const side = u('side') < 0.5 + 0.3 * Math.sign(score) + 0.15 * score ? 'buy' : 'sell';
    const move = 0.02 + 0.13 * u('target');
    const targetPrice = roundToStep(price * (side === 'buy' ? 1 + move : 1 - move), coin.tickSize);
    post.side = side;
    post.targetPrice = targetPrice;
    idea = { side, targetText: formatPrice(targetPrice, decimals), targetPct: ((targetPrice - price) / price) * 100 };
  }
  post.text = postText({ postSeed: hash32('feed-text', seed, k), coin, priceText: formatPrice(price, decimals), change24h, ...(idea ? { idea } : {}) });
  return post;
}

/** Newest-first page of the feed as seen at time t, continuing after `cursor` when given. */
export function feedPage(market: MarketSource, seed: number | string, t: EpochMs, options: { limit: number; cursor?: string | undefined }): FeedPage {
  const { limit, cursor } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_LIMIT) throw new RangeError(`limit must be an integer in 1..${MAX_FEED_LIMIT}, got ${limit}`);
  if (!Number.isFinite(t)) throw new RangeError(`t must be a finite epoch-ms number, got ${t}`);
  const head = headIndex(seed, t);
  // Never show posts from the future, even if the clock was rewound after the cursor was made.
  const start = cursor === undefined ? head : Math.min(decodeCursor(cursor) - 1, head);
  const items: FeedPost[] = [];
  for (let k = start; k > start - limit; k--) items.push(postAt(market, seed, k));
  return { items, nextCursor: encodeCursor(start - limit + 1) };
}
