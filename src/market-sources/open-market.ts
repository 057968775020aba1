// Turns a --market spec into a ready MarketSource, so the CLI wiring is one call. The model is
// returned as `undefined`: the mock then builds its default seeded model from its own seed.
// The replay and CoinGecko sources are imported only when asked for: the default start (the
// model) then loads none of their modules (issue 16, start-up).
import type { EpochMs, MarketSource } from '../mock/engine/types.js';
import type { CoinGeckoMarketOptions } from './coingecko-market.js';
import { parseMarketSpec, type MarketSpec } from './parse-market-spec.js';

/** The market asked for cannot serve prices now (CoinGecko unreachable or silent): the mock cannot start on it. */
export class MarketUnavailableError extends Error {
  override readonly name = 'MarketUnavailableError';
}

const OFFLINE_HINT = 'To run offline, use --market model (the seeded model) or --market replay:FILE.';

export interface OpenMarketOptions {
  seed: number;
  apiKey?: string;
  log?: (line: string) => void;
  /** Extra CoinGecko options (coins, refreshMs, …); tests inject fetch/now/sleep here. */
  coingecko?: Omit<CoinGeckoMarketOptions, 'seed' | 'apiKey' | 'log'>;
}

export interface OpenedMarket {
  spec: MarketSpec;
  /** undefined for the model. */
  market?: MarketSource;
  /** For a replay: the recording's span, e.g. to start a virtual clock at its first instant. */
  span?: { from: EpochMs; to: EpochMs };
  /** One line for the banner, e.g. "market: replay of FILE (2025-11-01T00:00Z … 2025-11-04T00:00Z)". */
  describe: string;
  /** Stops background refreshes (CoinGecko); a no-op otherwise. */
  close(): void;
}

export async function openMarket(specText: string, options: OpenMarketOptions): Promise<OpenedMarket> {
  const spec = parseMarketSpec(specText);
  if (spec.kind === 'model') return { spec, describe: `market: seeded model (seed ${options.seed})`, close: () => {} };
  if (spec.kind === 'replay') {
    const { createReplayMarket, loadReplayFile, replaySpan } = await import('./replay-market.js');
    const file = await loadReplayFile(spec.file);
    const span = replaySpan(file);
    const iso = (t: EpochMs): string => new Date(t).toISOString();
    return {
      spec,
      market: createReplayMarket({ series: file, seed: options.seed }),
      span,
      describe: `market: replay of ${spec.file} (${file.coins.length} coins, ${iso(span.from)} … ${iso(span.to)})`,
      close: () => {},
    };
  }
  const { NOT_READY_RETRY_MS, createCoinGeckoMarket } = await import('./coingecko-market.js');
  const market = createCoinGeckoMarket({ ...options.coingecko, seed: options.seed, apiKey: options.apiKey, log: options.log });
  await market.start();
  const failure = market.lastFailure();
  if (!market.isReady() && failure) {
    // Waiting for a network that is not there helps nobody; a 429 or a 5xx may clear up soon.
    if (failure.kind === 'network') {
      market.stop();
      throw new MarketUnavailableError(`${failure.message}. ${OFFLINE_HINT}`);
    }
    const waitS = Math.round((options.coingecko?.readyTimeoutMs ?? 60_000) / 1000);
    options.log?.(`market: no CoinGecko prices yet (${failure.message}); waiting up to ${waitS} s for them, retrying every ${NOT_READY_RETRY_MS / 1000} s. ${OFFLINE_HINT}`);
  }
  try {
    await market.ready();
  } catch (error) {
    market.stop();
    throw new MarketUnavailableError((error as Error).message);
  }
  const key = options.apiKey ? 'demo key' : 'no key';
  return { spec, market, describe: `market: CoinGecko live (${market.coins().length} coins, ${key})`, close: () => market.stop() };
}
