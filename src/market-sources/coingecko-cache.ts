// What the CoinGecko source remembers per coin: the recorded points (market_chart history plus one
// point per /coins/markets quote), the Series built from them, and the latest quote's ticker fields.
// Updates only ever add or replace points, so a failed refresh leaves the last good data intact.
import type { EpochMs } from '../mock/engine/types.js';
import type { MarketRow } from './coingecko-api.js';
import { buildSeries, type RecordedPoint, type Series } from './series.js';

/** The ticker fields of a /coins/markets row; each may be missing (CoinGecko sends null). */
export interface Quote {
  at: EpochMs;
  change24h?: number;
  volume24h?: number;
  marketCap?: number;
  high24h?: number;
  low24h?: number;
}

export interface CoinCache {
  points: RecordedPoint[];
  series?: Series;
  quote?: Quote;
  /** When the coin's market_chart was last fetched, so history is refreshed less often than quotes. */
  chartAt?: EpochMs;
}

const opt = (x: number | null | undefined): number | undefined => (x === null || x === undefined || !Number.isFinite(x) ? undefined : x);

/** Adds a quote as a point at its last_updated time (or `now` if it has none); false if it has no price. */
export function applyQuote(cache: CoinCache, row: MarketRow, now: EpochMs, historyMs: number): boolean {
  const price = opt(row.current_price);
  if (price === undefined || price <= 0) return false;
  const parsed = row.last_updated ? Date.parse(row.last_updated) : NaN;
  const at = Number.isNaN(parsed) ? now : parsed;
  cache.quote = {
    at,
    change24h: opt(row.price_change_percentage_24h),
    volume24h: opt(row.total_volume),
    marketCap: opt(row.market_cap),
    high24h: opt(row.high_24h),
    low24h: opt(row.low_24h),
  };
  const volume = opt(row.total_volume);
  const point: RecordedPoint = volume === undefined ? [at, price] : [at, price, volume];
  const last = cache.points[cache.points.length - 1];
  // An older quote than the newest point would rewrite history; only the ticker fields are used then.
  if (last === undefined || at > last[0]) cache.points.push(point);
  else if (at === last[0]) cache.points[cache.points.length - 1] = point;
  else return true;
  rebuild(cache, historyMs);
  return true;
}

/** Replaces the points inside the chart's time span with the chart's, keeping older and newer ones. */
export function mergeChart(cache: CoinCache, chart: readonly RecordedPoint[], now: EpochMs, historyMs: number): void {
  cache.chartAt = now;
  if (chart.length === 0) return;
  const from = chart[0]![0];
  const to = chart[chart.length - 1]![0];
  const before = cache.points.filter((p) => p[0] < from);
  const after = cache.points.filter((p) => p[0] > to);
  cache.points = [...before, ...chart, ...after];
  rebuild(cache, historyMs);
}

/** Drops points older than historyMs before the newest one (a long-running mock must not grow forever). */
function rebuild(cache: CoinCache, historyMs: number): void {
  const newest = cache.points[cache.points.length - 1]![0];
  const firstKept = cache.points.findIndex((p) => p[0] >= newest - historyMs);
  if (firstKept > 0) cache.points = cache.points.slice(firstKept);
  cache.series = buildSeries(cache.points);
}
