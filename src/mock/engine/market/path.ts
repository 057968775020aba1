// The seeded price path: log-price on a 1-minute grid, built top-down so that any minute can be
// computed in O(1) amortised time without replaying from the epoch:
//
//   month level (32-day blocks)  Ornstein–Uhlenbeck in log space around ln(startPrice), with weak
//                                mean reversion (half-life ~8 months): locally it is GBM, but over
//                                years prices stay in a realistic band instead of drifting off.
//                                Computed sequentially from the epoch (both directions) and kept
//                                in a per-coin array: a few hundred entries per century.
//   day levels                   Brownian bridge between consecutive month levels (33 points)
//   hour levels                  Brownian bridge between consecutive day levels (25 points)
//   minute levels                Brownian bridge between consecutive hour levels (61 points)
//
// A Gaussian random walk conditioned on its end point is exactly a Brownian bridge, so the
// minute path has the law of a random walk with the coin's volatility at every scale. Each
// Gaussian is a hash of (seed, coin, level, index): no sequential state below the month level.
// Each day also draws a volatility "regime" multiplier (quiet vs busy days) with E[m^2] = 1, so
// realised volatility still averages the coin's figure. Minute increments use a cheap
// Irwin–Hall normal (bounded tails); every coarser level uses Box–Muller.
import type { CoinSpec } from '../types.js';
import { fillHashedDraws, hash32, hash4, hashPrefix, normalFromHash } from '../random.js';
import { bridge, copy } from './bridge.js';
import { Lru } from './lru.js';

export const MONTH_DAYS = 32;
export const DAYS_PER_YEAR = 365; // crypto trades 24/7
const KAPPA = 1; // mean reversion per year of the monthly level: stationary log-sd = sigma/sqrt(2)
const MAX_MONTHS = 200_000; // ~17 500 years either side: bounds the month arrays
const TWO_32 = 4294967296;
// Scratch buffers for computeHour (single-threaded, never re-entered).
const WALK = new Float64Array(61);
const NOISE = new Float64Array(60);
const P = new Float64Array(61);
const CU = new Float64Array(61);
const CC = new Float64Array(61);

// Hash "tags" keep the random streams of the different levels independent.
const enum Tag { MonthFwd = 1, MonthBwd, Day, Regime, Hour, Minute, Volume, Activity }

/** Extremes and volume over a set of minutes. */
export interface Summary { min: number; max: number; volUsd: number; volCoin: number }

/**
 * One hour of the minute path. min/max/volUsd/volCoin cover its 60 minutes p[0..59]: the
 * half-open hour, so adjacent blocks never double count a point.
 */
export interface HourBlock extends Readonly<Summary> {
  /** Prices at the hour's 61 minute grid points; p[60] is exactly the next hour's p[0]. */
  readonly p: number[];
  /** Prefix sums of per-minute volume: cu[i] = USD volume of minutes 0..i-1 (cc: in coins). */
  readonly cu: number[];
  readonly cc: number[];
}

interface CoinState { key: number; mu: number; sigma: number; volPerMinute: number; fwd: number[]; bwd: number[] }

interface Levels { lvl: number[]; regime: number }

export class PricePath {
  private readonly coins: CoinState[];
  private readonly dayLevelCache = new Lru<number, { lvl: number[]; regimes: number[] }>(1024); // per (coin, month)
  private readonly hourLevelCache = new Lru<number, Levels>(8192); // per (coin, day)
  // Full blocks (~1.5 KB) only for hours whose minutes are read; long scans use the summaries
  // (~50 B), which keeps memory and GC pressure low however far apart the queries are.
  private readonly hourCache = new Lru<number, HourBlock>(2048); // per (coin, hour)
  private readonly hourSummaryCache = new Lru<number, Summary>(65_536); // per (coin, hour)
  private readonly dayCache = new Lru<number, Summary>(50_000); // per (coin, day)

  constructor(seed: number | string, coins: readonly CoinSpec[]) {
    if (coins.length > 64) throw new RangeError('The price path supports at most 64 coins');
    this.coins = coins.map((c) => {
      const mu = Math.log(c.startPrice);
      return { key: hash32('path', seed, c.id), mu, sigma: c.volatility, volPerMinute: c.baseVolume24h / 1440, fwd: [mu], bwd: [mu] };
    });
  }

  private gauss(cs: CoinState, tag: Tag, idx: number, sub: number): number {
    return normalFromHash(hash4(cs.key, (tag << 12) | sub, idx, Math.floor(idx / TWO_32)));
  }

  /** Log-level at the start of month block m (sequential OU, memoised in both directions). */
  private monthLevel(cs: CoinState, m: number): number {
    if (Math.abs(m) > MAX_MONTHS) throw new RangeError('Time is outside the price model range');
    const dt = MONTH_DAYS / DAYS_PER_YEAR;
    const phi = Math.exp(-KAPPA * dt);
    const sd = cs.sigma * Math.sqrt((1 - phi * phi) / (2 * KAPPA));
    const arr = m >= 0 ? cs.fwd : cs.bwd;
    const tag = m >= 0 ? Tag.MonthFwd : Tag.MonthBwd;
    const j = Math.abs(m);
    while (arr.length <= j) {
      const k = arr.length;
      arr.push(cs.mu + (arr[k - 1]! - cs.mu) * phi + sd * this.gauss(cs, tag, k, 0));
    }
    return arr[j]!;
  }

  private dayLevels(c: number, m: number): { lvl: number[]; regimes: number[] } {
    return this.dayLevelCache.getOrCreate(m * 64 + c, () => {
      const cs = this.coins[c]!;
      const regimes: number[] = [];
      for (let j = 0; j < MONTH_DAYS; j++) regimes.push(Math.exp(0.3 * this.gauss(cs, Tag.Regime, m * MONTH_DAYS + j, 0) - 0.09));
      const daySd = cs.sigma / Math.sqrt(DAYS_PER_YEAR);
      const lvl = bridge(MONTH_DAYS, this.monthLevel(cs, m), this.monthLevel(cs, m + 1), (j) => daySd * regimes[j]!, (j) => this.gauss(cs, Tag.Day, m, j));
      return { lvl, regimes };
    });
  }

  private hourLevels(c: number, d: number): Levels {
    return this.hourLevelCache.getOrCreate(d * 64 + c, () => {
      const cs = this.coins[c]!;
      const m = Math.floor(d / MONTH_DAYS);
      const j = d - m * MONTH_DAYS;
      const days = this.dayLevels(c, m);
      const regime = days.regimes[j]!;
      const sd = (cs.sigma / Math.sqrt(DAYS_PER_YEAR * 24)) * regime;
      const lvl = bridge(24, days.lvl[j]!, days.lvl[j + 1]!, () => sd, (k) => this.gauss(cs, Tag.Hour, d, k));
      return { lvl, regime };
    });
  }

  /** The coin's annualised volatility (path-bounds.ts derives its bounds from it). */
  sigma(c: number): number {
    return this.coins[c]!.sigma;
  }

  /** Log-levels at the 33 day boundaries of month block m and the 32 days' regimes. */
  monthDays(c: number, m: number): { readonly lvl: readonly number[]; readonly regimes: readonly number[] } {
    return this.dayLevels(c, m);
  }

  /** Log-levels at the 25 hour boundaries of day d (days counted from the epoch). */
  dayHours(c: number, d: number): { readonly lvl: readonly number[]; readonly regime: number } {
    return this.hourLevels(c, d);
  }

  /** The minute block of hour h (hours counted from the epoch; may be negative). Plain arrays:
   * allocating small Float64Arrays is several times slower in V8. */
  hour(c: number, h: number): HourBlock {
    return this.hourCache.getOrCreate(h * 64 + c, () => this.buildHour(c, h));
  }

  private buildHour(c: number, h: number): HourBlock {
    return { ...this.computeHour(c, h), p: copy(P), cu: copy(CU), cc: copy(CC) };
  }

  // The hot path (once per simulated hour), so the bridge is inlined: one hash per minute drives
  // both the price increment (quick normal) and, re-mixed, the minute's volume. Results go to
  // the scratch buffers; only blocks that get cached are copied out (allocation dominated).
  private computeHour(c: number, h: number): Summary {
    const cs = this.coins[c]!;
    const d = Math.floor(h / 24);
    const hours = this.hourLevels(c, d);
    const regime = hours.regime;
    const a = hours.lvl[h - d * 24]!;
    const b = hours.lvl[h - d * 24 + 1]!;
    const sd = (cs.sigma / Math.sqrt(DAYS_PER_YEAR * 1440)) * regime;
    const prefix = hashPrefix(cs.key, h, Math.floor(h / TWO_32));
    const walk = fillHashedDraws(prefix, Tag.Minute << 12, 60, WALK, NOISE);
    const gap = sd * walk - (b - a);
    P[0] = Math.exp(a);
    for (let i = 1; i < 60; i++) P[i] = Math.exp(a + sd * WALK[i]! - (i / 60) * gap);
    P[60] = Math.exp(b);
    // Volume: busier on high-regime days and in hours that move a lot; mean ~ baseVolume24h.
    const expectedMove = sd * Math.sqrt(60) * Math.sqrt(2 / Math.PI);
    const activity = regime * Math.exp(0.25 * this.gauss(cs, Tag.Activity, h, 0) - 0.03125) * (0.6 + (0.4 * Math.abs(b - a)) / expectedMove);
    const perMinute = cs.volPerMinute * activity;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 60; i++) {
      const price = P[i]!;
      if (price < min) min = price;
      if (price > max) max = price;
      const usd = perMinute * (0.5 + NOISE[i]!);
      CU[i + 1] = CU[i]! + usd;
      CC[i + 1] = CC[i]! + usd / price;
    }
    return { min, max, volUsd: CU[60]!, volCoin: CC[60]! };
  }

  /** Extremes and volume of the 60 minutes of hour h, without keeping its minute block. */
  hourSummary(c: number, h: number): Summary {
    const key = h * 64 + c;
    return this.hourSummaryCache.getOrCreate(key, () => {
      const { min, max, volUsd, volCoin } = this.hourCache.get(key) ?? this.computeHour(c, h);
      return { min, max, volUsd, volCoin };
    });
  }

  /** Extremes and volume of the 1440 minutes of UTC day d. */
  day(c: number, d: number): Summary {
    return this.dayCache.getOrCreate(d * 64 + c, () => {
      const s: Summary = { min: Infinity, max: -Infinity, volUsd: 0, volCoin: 0 };
      for (let k = 0; k < 24; k++) {
        // Not inserted into the hour caches: a long scan would only flush them.
        const key = (d * 24 + k) * 64 + c;
        const b = this.hourSummaryCache.get(key) ?? this.hourCache.get(key) ?? this.computeHour(c, d * 24 + k);
        if (b.min < s.min) s.min = b.min;
        if (b.max > s.max) s.max = b.max;
        s.volUsd += b.volUsd;
        s.volCoin += b.volCoin;
      }
      return s;
    });
  }
}
