// Shared pieces of the CoinGecko tests: recorded answers, virtual time (so back-offs of minutes
// take no real time), and nock scopes on the real API host.
import { readFileSync } from 'node:fs';
import nock from 'nock';
import type { MarketRow } from '../../src/market-sources/coingecko-api.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/market/coingecko/${name}`, import.meta.url), 'utf8'));

export const MARKETS = fixture('markets.json') as (MarketRow & Record<string, unknown>)[];
export const CHART: Record<string, { prices: [number, number][]; total_volumes: [number, number][] }> = {
  bitcoin: fixture('market-chart-bitcoin.json') as never,
  ethereum: fixture('market-chart-ethereum.json') as never,
};
export const UPDATED = Date.parse(MARKETS[0]!.last_updated!);
export const HOST = 'https://api.coingecko.com';

/** A clock that only moves when the code under test sleeps; records every sleep. */
export function virtualTime(start = UPDATED + 5_000) {
  const state = { t: start, sleeps: [] as number[] };
  return {
    state,
    now: () => state.t,
    sleep: async (ms: number): Promise<void> => {
      state.sleeps.push(ms);
      state.t += ms;
    },
  };
}

/** Markets answer with a later quote: every price scaled by `factor`, last_updated moved by `dtMs`. */
export function laterMarkets(factor: number, dtMs: number): unknown[] {
  return MARKETS.map((r) => ({ ...r, current_price: Number((r.current_price! * factor).toFixed(2)), last_updated: new Date(UPDATED + dtMs).toISOString() }));
}

/** Interceptors for one full successful refresh (markets, then both charts). */
export function mockFullRefresh(markets: unknown = MARKETS): void {
  nock(HOST).get('/api/v3/coins/markets').query(true).reply(200, markets as nock.Body);
  for (const id of ['bitcoin', 'ethereum']) {
    nock(HOST).get(`/api/v3/coins/${id}/market_chart`).query({ vs_currency: 'usd', days: '1' }).reply(200, CHART[id] as nock.Body);
  }
}
