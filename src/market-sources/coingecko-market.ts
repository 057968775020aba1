// Live prices from CoinGecko as a MarketSource. MarketSource is synchronous, so the source serves
// from a cache (coingecko-cache.ts) that an async refresh() fills: /coins/markets every refreshMs
// for the current quote, /coins/{id}/market_chart?days=1 every chartRefreshMs for the path. The
// cache becomes series in the replay structure, so prices between points are interpolated exactly
// like a replay. Failures never reach the mock: the last good data stays, isStale() turns true,
// and one log line marks the start and one the end of each stale episode.
import type { CoinSpec, EpochMs, Ticker } from '../mock/engine/types.js';
import { roundToStep } from '../mock/engine/market/grid.js';
import { CoinGeckoError, chartPoints, createCoinGeckoClient, type CoinGeckoClientOptions, type FailureKind } from './coingecko-api.js';
import { applyQuote, mergeChart, type CoinCache } from './coingecko-cache.js';
import { resolveCoins } from './coin-specs.js';
import { createSeriesMarket, type SeriesMarket } from './series-market.js';

export interface CoinGeckoMarketOptions extends CoinGeckoClientOptions {
  /** Coins to serve: CoinSpecs, or ids/tickers of the model's table (default: the whole table). */
  coins?: readonly (CoinSpec | string)[];
  /** How often quotes are refreshed (default 60 s). */
  refreshMs?: number;
  /** How often each coin's 24 h chart is refetched (default 15 min: quotes fill the path in between). */
  chartRefreshMs?: number;
  /** How long ready() waits for the first prices (default 60 s). */
  readyTimeoutMs?: number;
  /** History kept per coin (default 7 days). */
  historyMs?: number;
  /** Keys the synthetic order book, as in the model (default 42). */
  seed?: number | string;
  log?: (line: string) => void;
}

export interface CoinGeckoMarket extends SeriesMarket {
  /** Runs a first refresh (its promise; never rejects) and schedules the next ones. */
  start(): Promise<boolean>;
  stop(): void;
  /** One refresh; resolves true when every call succeeded and every coin was in the answers. Never rejects. */
  refresh(): Promise<boolean>;
  /** Resolves once every coin has a price; rejects after readyTimeoutMs with how to run offline. */
  ready(timeoutMs?: number): Promise<void>;
  isStale(): boolean;
  /** Every coin has a price (ready() would resolve at once). */
  isReady(): boolean;
  /** Why the last refresh failed and of which kind ('network': CoinGecko could not be reached), or undefined after a good one. */
  lastFailure(): { kind: FailureKind | 'other'; message: string } | undefined;
  /** When the last fully successful refresh finished, or undefined. */
  lastGoodAt(): EpochMs | undefined;
}

/** How soon a failed refresh is retried while prices are still missing. */
export const NOT_READY_RETRY_MS = 10_000;

export function createCoinGeckoMarket(options: CoinGeckoMarketOptions = {}): CoinGeckoMarket {
  const coins = resolveCoins(options.coins);
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => {});
  const refreshMs = options.refreshMs ?? 60_000;
  const chartRefreshMs = options.chartRefreshMs ?? 15 * 60_000;
  const historyMs = options.historyMs ?? 7 * 24 * 3_600_000;
  const client = createCoinGeckoClient({ ...options, now });
  const caches: CoinCache[] = coins.map(() => ({ points: [] }));

  let stale = false;
  let revision = 0; // bumped whenever a coin's data changed: cached market answers are stale then
  let lastGood: EpochMs | undefined;
  let lastProblem: string | undefined;
  let lastKind: FailureKind | 'other' = 'other';
  let inFlight: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false; // set by stop(): an in-flight refresh makes no further calls
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const missing = (): string[] => coins.filter((_, i) => !caches[i]!.series).map((c) => c.symbol);

  const base = createSeriesMarket(coins, (index, coin) => {
    const s = caches[index]!.series;
    if (!s) throw new Error(`No CoinGecko price for ${coin.symbol} yet: the first refresh has not succeeded (${lastProblem ?? 'still waiting'}). Await ready(), or run offline with --market model.`);
    return s;
  }, options.seed ?? 42);

  const settle = (problems: string[]): boolean => {
    if (problems.length === 0) {
      const since = lastGood;
      lastGood = now();
      lastProblem = undefined;
      if (stale) log(`market: CoinGecko data is fresh again${since === undefined ? '' : ` (last good data was from ${new Date(since).toISOString()})`}`);
      stale = false;
      return true;
    }
    lastProblem = problems.join('; ');
    if (!stale) {
      const held = lastGood === undefined ? 'no prices yet' : `serving prices from ${new Date(lastGood).toISOString()}`;
      log(`market: CoinGecko data is stale (${lastProblem}); ${held} until a refresh succeeds`);
    }
    stale = true;
    return false;
  };

  const refreshOnce = async (): Promise<string[]> => {
    const problems: string[] = [];
    const rows = await client.markets(coins.map((c) => c.id));
    coins.forEach((coin, i) => {
      const row = rows.find((r) => r.id === coin.id);
      if (!row || !applyQuote(caches[i]!, row, now(), historyMs)) problems.push(`${coin.id} missing from the /coins/markets answer`);
      else revision += 1;
    });
    if (missing().length === 0) markReady();
    for (const [i, coin] of coins.entries()) {
      const cache = caches[i]!;
      if (stopped) break;
      if (cache.chartAt !== undefined && now() - cache.chartAt < chartRefreshMs) continue;
      const points = chartPoints(await client.chart(coin.id, 1));
      if (points.length === 0) problems.push(`${coin.id}: empty market_chart answer`);
      mergeChart(cache, points, now(), historyMs);
      revision += 1;
    }
    if (missing().length === 0) markReady();
    return problems;
  };

  const refresh = (): Promise<boolean> => {
    // Callers sharing one in-flight refresh keeps the call rate what the pacer planned for.
    inFlight ??= refreshOnce()
      .then(
        (problems) => ((lastKind = 'other'), settle(problems)),
        (error: unknown) => {
          lastKind = error instanceof CoinGeckoError ? error.kind : 'other';
          return settle([error instanceof Error ? error.message : String(error)]);
        },
      )
      .finally(() => (inFlight = undefined));
    return inFlight;
  };

  const loop = async (): Promise<boolean> => {
    const ok = await refresh();
    if (running) {
      // Until every coin has a price, try again sooner: someone is waiting for ready().
      timer = setTimeout(() => void loop(), missing().length === 0 ? refreshMs : Math.min(refreshMs, NOT_READY_RETRY_MS));
      timer.unref(); // the mock's server keeps the process alive, not this timer
    }
    return ok;
  };

  const ticker = (symbol: string, t: EpochMs): Ticker => {
    const tk = base.ticker(symbol, t);
    const coin = base.coin(symbol)!;
    const q = caches[coins.indexOf(coin)]!.quote;
    if (!q || t < q.at) return tk; // a historical ticker comes from the path alone
    // CoinGecko's own 24 h figures are better than a 5-minute path's, but high/low only widen the
    // path's so low24h <= price <= high24h still holds (range(), which decides fills, stays path-only).
    const round = (x: number): number => roundToStep(x, coin.tickSize);
    return {
      ...tk,
      change24h: q.change24h === undefined ? tk.change24h : Number(q.change24h.toFixed(2)),
      volume24h: q.volume24h ?? tk.volume24h,
      marketCap: q.marketCap === undefined ? tk.marketCap : Math.round(q.marketCap),
      high24h: q.high24h === undefined ? tk.high24h : Math.max(tk.high24h, round(q.high24h)),
      low24h: q.low24h === undefined ? tk.low24h : Math.min(tk.low24h, round(q.low24h)),
    };
  };

  return {
    ...base,
    ticker,
    revision: () => revision,
    refresh,
    start() {
      if (running) return refresh();
      running = true;
      stopped = false;
      return loop();
    },
    stop() {
      running = false;
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    ready(timeoutMs = options.readyTimeoutMs ?? 60_000) {
      if (missing().length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timeout = setTimeout(() => {
          reject(new Error(`CoinGecko prices for ${missing().join(', ')} not available after ${Math.round(timeoutMs / 1000)} s (${lastProblem ?? 'no answer yet'}). ` +
            'Offline or rate-limited? Run with --market model (the seeded model) or --market replay:FILE.'));
        }, timeoutMs);
        timeout.unref();
        void readyPromise.then(() => {
          clearTimeout(timeout);
          resolve();
        });
      });
    },
    isStale: () => stale,
    isReady: () => missing().length === 0,
    lastFailure: () => (lastProblem === undefined ? undefined : { kind: lastKind, message: lastProblem }),
    lastGoodAt: () => lastGood,
  };
}
