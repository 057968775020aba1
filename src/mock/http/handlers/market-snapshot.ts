// GET /market's answer, kept. For each coin set asked, the body and its JSON text; for each coin,
// its ticker view and that view's JSON (shared by every coin set that holds the coin). Both are
// keyed by the clock and by the market's revision, which changes with every price override, every
// clear (a reset and a state import clear them) and every update of a live source's data. A
// ticker carries its updatedAt and a price interpolated to the millisecond, so the clock key is
// the millisecond: a burst of requests, or any number of them on a fixed or virtual clock, costs
// one computation. Below this, the model keeps what is the same for a whole minute of each coin
// (engine/market/day-window.ts), so a new millisecond costs little too.
// A source without a revision (one a user plugged in that may change at will) is never cached.
import type { CoinSpec, EpochMs, MarketSource, Ticker } from '../../engine/types.js';
import { iso } from '../serialize.js';
import { withJsonText } from '../serialized-body.js';

/** A ticker as GET /market shows it: the same fields, updatedAt as an ISO string. */
export type TickerView = Omit<Ticker, 'updatedAt'> & { updatedAt: string };

export interface MarketBody {
  // Frozen when kept (the type stays mutable to match the generated response type).
  data: TickerView[];
}

interface Kept<T> {
  t: EpochMs;
  revision: number;
  value: T;
}

/** Coin sets kept at most: a client cycling through endless lists must not grow memory. */
const MAX_COIN_SETS = 64;

function view(t: Ticker, updatedAt: string): TickerView {
  return {
    id: t.id,
    symbol: t.symbol,
    name: t.name,
    price: t.price,
    change24h: t.change24h,
    volume24h: t.volume24h,
    high24h: t.high24h,
    low24h: t.low24h,
    marketCap: t.marketCap,
    updatedAt,
  };
}

/** The body of GET /market for `coins` at t, straight from the market. */
export function buildMarketBody(market: MarketSource, coins: readonly CoinSpec[], t: EpochMs): MarketBody {
  const at = iso(t);
  return {
    data: coins.map((coin) => {
      const ticker = market.ticker(coin.symbol, t);
      return view(ticker, ticker.updatedAt === t ? at : iso(ticker.updatedAt));
    }),
  };
}

interface Snapshots {
  bodies: Map<string, Kept<MarketBody>>;
  pieces: Map<string, Kept<{ view: TickerView; text: string }>>;
}

const byMarket = new WeakMap<MarketSource, Snapshots>();

const fresh = <T>(kept: Kept<T> | undefined, t: EpochMs, revision: number): kept is Kept<T> => kept !== undefined && kept.t === t && kept.revision === revision;

/**
 * GET /market's body for the coin list as sent (`coins` resolves it; undefined: every coin) at t,
 * kept as described above. Kept bodies are frozen and carry their JSON text (serialized-body.ts).
 */
export function marketBody(market: MarketSource, list: string | undefined, t: EpochMs, coins: () => readonly CoinSpec[]): MarketBody {
  const revision = market.revision?.();
  if (revision === undefined) return buildMarketBody(market, coins(), t);
  let kept = byMarket.get(market);
  if (!kept) byMarket.set(market, (kept = { bodies: new Map(), pieces: new Map() }));
  const key = list ?? '';
  const found = kept.bodies.get(key);
  if (fresh(found, t, revision)) return found.value;

  const at = iso(t);
  const views: TickerView[] = [];
  const texts: string[] = [];
  for (const coin of coins()) {
    let piece = kept.pieces.get(coin.id);
    if (!fresh(piece, t, revision)) {
      const ticker = market.ticker(coin.symbol, t);
      const v = Object.freeze(view(ticker, ticker.updatedAt === t ? at : iso(ticker.updatedAt)));
      piece = { t, revision, value: { view: v, text: JSON.stringify(v) } };
      kept.pieces.set(coin.id, piece);
    }
    views.push(piece.value.view);
    texts.push(piece.value.text);
  }
  // JSON.stringify({ data: views }), assembled from the pieces' texts.
  const body = withJsonText(Object.freeze({ data: Object.freeze(views) as TickerView[] }), `{"data":[${texts.join(',')}]}`);
  if (!found && kept.bodies.size >= MAX_COIN_SETS) kept.bodies.clear();
  kept.bodies.set(key, { t, revision, value: body });
  return body;
}
