// The --market option: which MarketSource the mock serves.
export type MarketSpec =
  | { kind: 'model' }
  | { kind: 'coingecko' }
  | { kind: 'replay'; file: string };

export const MARKET_SPEC_FORMS =
  'Valid forms: "model" (the seeded model, offline; the default), "coingecko" (live prices; ' +
  'set COINGECKO_API_KEY to send a demo key), "replay:FILE" (a file written by record-market), ' +
  'e.g. "replay:fixtures/market/sample-2025-11.json" (a sample that ships with the package).';

export class MarketSpecError extends Error {
  override readonly name = 'MarketSpecError';
  constructor(problem: string) {
    super(`${problem}. ${MARKET_SPEC_FORMS}`);
  }
}

export function parseMarketSpec(spec: string): MarketSpec {
  const s = spec.trim();
  const colon = s.indexOf(':');
  const kind = (colon < 0 ? s : s.slice(0, colon)).toLowerCase();
  const arg = colon < 0 ? undefined : s.slice(colon + 1);
  if (kind === 'model' || kind === 'coingecko') {
    if (arg !== undefined) throw new MarketSpecError(`Market "${s}": "${kind}" takes no argument`);
    return { kind };
  }
  if (kind === 'replay') {
    // Only the kind is trimmed/case-folded: a file name is taken as written (after the first colon).
    if (!arg) throw new MarketSpecError(`Market "${s}" names no file`);
    return { kind: 'replay', file: arg };
  }
  throw new MarketSpecError(s === '' ? 'Empty market spec' : `Unknown market "${s}"`);
}
