// A minimal CoinGecko v3 client for the two endpoints the market sources use. Every call goes
// through a RequestPacer; every failure becomes a CoinGeckoError with a kind, so callers decide
// what to keep (the live source keeps its last good data, record-market retries or gives up).
import { z } from 'zod';
import type { EpochMs } from '../mock/engine/types.js';
import { RequestPacer, parseRetryAfter, realSleep, type Sleep } from './request-pacer.js';

export const COINGECKO_BASE_URL = 'https://api.coingecko.com/api/v3';
/** Free ("demo") tier: ~30 calls/min, so at least 2 s apart; a little margin for clock skew. */
export const DEFAULT_MIN_INTERVAL_MS = 2_100;

// Only the fields we read; zod strips the rest. Numbers are nullable because CoinGecko sends
// null for coins it has no recent data for.
const num = z.number().nullable().optional();
const marketRowSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  name: z.string(),
  current_price: num,
  market_cap: num,
  total_volume: num,
  high_24h: num,
  low_24h: num,
  price_change_percentage_24h: num,
  circulating_supply: num,
  last_updated: z.string().nullable().optional(),
});
const marketsSchema = z.array(marketRowSchema);
const pairs = z.array(z.tuple([z.number(), z.number().nullable()]));
const chartSchema = z.object({ prices: pairs, market_caps: pairs.optional(), total_volumes: pairs.optional() });

export type MarketRow = z.infer<typeof marketRowSchema>;
export type MarketChart = z.infer<typeof chartSchema>;

export type FailureKind = 'network' | 'rate-limited' | 'server' | 'http' | 'malformed';

export class CoinGeckoError extends Error {
  override readonly name = 'CoinGeckoError';
  constructor(readonly kind: FailureKind, message: string, readonly status?: number) {
    super(message);
  }
}

export interface CoinGeckoClientOptions {
  apiKey?: string;
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  minIntervalMs?: number;
  now?: () => EpochMs;
  sleep?: Sleep;
  /** Per-request timeout (default 15 s): a hung connection must not stall refreshes forever. */
  timeoutMs?: number;
}

export interface CoinGeckoClient {
  markets(ids: readonly string[]): Promise<MarketRow[]>;
  chart(id: string, days: number): Promise<MarketChart>;
}

/** fetch() says only "fetch failed"; the reason (DNS, refused, time-out) is in its cause. */
function networkReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  const detail = cause instanceof Error ? cause.message : undefined;
  return detail && !message.includes(detail) ? `${message} (${detail})` : message;
}

export function createCoinGeckoClient(options: CoinGeckoClientOptions = {}): CoinGeckoClient {
  const baseUrl = (options.baseUrl ?? COINGECKO_BASE_URL).replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => Date.now());
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pacer = new RequestPacer({ minIntervalMs: options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS, now, sleep: options.sleep ?? realSleep });
  // The demo key travels as a header, never in the URL, so URLs are safe to log.
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.apiKey) headers['x-cg-demo-api-key'] = options.apiKey;

  const getJson = <T>(path: string, query: Record<string, string>, schema: z.ZodType<T>): Promise<T> =>
    pacer.schedule(async () => {
      const what = `GET ${path}`;
      let res: Response;
      try {
        res = await doFetch(`${baseUrl}${path}?${new URLSearchParams(query)}`, { headers, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new CoinGeckoError('network', `cannot reach CoinGecko: ${what}: ${networkReason(error)}`);
      }
      const text = await res.text().catch(() => '');
      if (res.status === 429) {
        const delay = pacer.rateLimited(parseRetryAfter(res.headers.get('retry-after'), now()));
        throw new CoinGeckoError('rate-limited', `${what}: 429 rate limited; next call in ${Math.round(delay / 1000)} s`, 429);
      }
      if (!res.ok) {
        const kind = res.status >= 500 ? 'server' : 'http';
        throw new CoinGeckoError(kind, `${what}: HTTP ${res.status} ${text.slice(0, 160).replace(/\s+/g, ' ')}`.trim(), res.status);
      }
      pacer.succeeded();
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new CoinGeckoError('malformed', `${what}: the answer is not JSON (${JSON.stringify(text.slice(0, 60))}…)`);
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CoinGeckoError('malformed', `${what}: unexpected answer shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
      }
      return parsed.data;
    });

  return {
    markets: (ids) => getJson('/coins/markets', { vs_currency: 'usd', ids: ids.join(','), per_page: '250' }, marketsSchema),
    chart: (id, days) => getJson(`/coins/${encodeURIComponent(id)}/market_chart`, { vs_currency: 'usd', days: String(days) }, chartSchema),
  };
}

/** market_chart as [t, price, volume24h] points: sorted, one per time, null prices dropped. */
export function chartPoints(chart: MarketChart): [number, number, number?][] {
  const volumes = new Map<number, number>();
  for (const [t, v] of chart.total_volumes ?? []) if (v !== null) volumes.set(t, v);
  const byTime = new Map<number, [number, number, number?]>();
  for (const [t, p] of chart.prices) {
    if (p === null || !(p > 0) || !Number.isFinite(t)) continue;
    const v = volumes.get(t);
    byTime.set(t, v === undefined ? [t, p] : [t, p, v]); // CoinGecko repeats the last time at times: keep the latest
  }
  return [...byTime.values()].sort((a, b) => a[0] - b[0]);
}
