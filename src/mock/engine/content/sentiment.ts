// AI-style sentiment per coin that agrees with the market: the score is a squashed blend of the
// volatility-normalised (z-scored) 24 h and 1 h log returns of the market's own price, plus a
// little seeded noise. It is recomputed on a 5-minute grid, like a batch job would, so every
// request inside a bucket sees the same value and computedAt is the bucket start.
import type { EpochMs, MarketSource } from '../types.js';
import { hash32, hashToUnit, normalFromHash } from '../random.js';
import { UnknownCoinError } from '../market/coins.js';

export type SentimentLabel = 'very_bearish' | 'bearish' | 'neutral' | 'bullish' | 'very_bullish';

export interface Sentiment {
  coin: string;
  symbol: string;
  /** -1 (very bearish) .. 1 (very bullish), 3 decimals. */
  score: number;
  label: SentimentLabel;
  /** 0..1, 2 decimals. */
  confidence: number;
  /** How many (fictional) sources went into the score. */
  sources: number;
  computedAt: EpochMs;
}

export const SENTIMENT_BUCKET_MS = 5 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

export function labelFor(score: number): SentimentLabel {
  if (score <= -0.6) return 'very_bearish';
  if (score <= -0.2) return 'bearish';
  if (score < 0.2) return 'neutral';
  if (score < 0.6) return 'bullish';
  return 'very_bullish';
}

export function sentimentFor(market: MarketSource, symbol: string, t: EpochMs, seed: number | string): Sentiment {
  const coin = market.coin(symbol);
  if (!coin) throw new UnknownCoinError(symbol);
  const at = Math.floor(t / SENTIMENT_BUCKET_MS) * SENTIMENT_BUCKET_MS;
  const p = market.price(coin.symbol, at);
  // A return divided by its expected size under the coin's volatility: ~N(0,1) on a normal day,
  // far outside that after a shock (e.g. a control-API shift).
  const z = (span: number): number => Math.log(p / market.price(coin.symbol, at - span)) / (coin.volatility * Math.sqrt(span / YEAR));
  const z24 = z(DAY);
  const z1 = z(HOUR);
  const noise = normalFromHash(hash32('sentiment', seed, coin.id, at));
  const score = Number(Math.tanh(0.8 * (0.6 * z24 + 0.4 * z1) + 0.25 * noise).toFixed(3)) + 0; // + 0: no -0 in JSON
  // More confident when the move is large and both horizons agree.
  const agree = Math.sign(z24) === Math.sign(z1) ? 1 : 0;
  const jitter = hashToUnit('sentiment-confidence', seed, coin.id, at) - 0.5;
  const confidence = Number(Math.min(1, Math.max(0, 0.35 + 0.4 * Math.abs(score) + 0.15 * agree + 0.1 * jitter)).toFixed(2));
  // Bigger coins are talked about more.
  const reach = Math.max(0, Math.log10(coin.baseVolume24h / 1e8));
  const sources = Math.round(20 + 30 * reach + 40 * hashToUnit('sentiment-sources', seed, coin.id, at));
  return { coin: coin.id, symbol: coin.symbol, score, label: labelFor(score), confidence, sources, computedAt: at };
}
