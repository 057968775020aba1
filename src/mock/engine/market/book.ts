// Synthetic order book around a mid price. Prices work in integer tick units so levels are
// exactly on the grid and strictly monotone; quantities are USD notionals converted at the mid
// and floored to the lot grid. Everything random is a hash of (seed, coin, minute bucket of t,
// side, level), so the book is stable within a minute while the mid moves underneath it.
import type { CoinSpec, EpochMs, OrderBookSnapshot, BookLevel } from '../types.js';
import { hash4, unitFromHash } from '../random.js';
import { MINUTE, decimalsOf, roundToStep } from './grid.js';

/** Top-of-book USD notional as a fraction of 24 h volume: ~30 k USD for BTC, ~0.7 M USD over 50 levels. */
const TOP_NOTIONAL_FRACTION = 7e-7;
/** Levels over which the notional decays by e (on average: each level also gets ±60 % noise). */
const DECAY_LEVELS = 25;

export function buildBook(coin: CoinSpec, mid: number, depth: number, t: EpochMs, key: number): OrderBookSnapshot {
  const tick = coin.tickSize;
  const bucket = Math.floor(t / MINUTE);
  const u = (side: number, level: number, salt: number): number =>
    unitFromHash(hash4(key, level, bucket, side * 8 + salt));
  // Spread and level spacing scale with volatility: ~1 bp a side for BTC, never below one tick.
  const rel = coin.volatility * 2e-4;
  const midUnits = mid / tick;
  const halfTicks = Math.max(1, Math.round(midUnits * rel * (0.75 + 0.5 * u(0, 0, 0))));
  const dec = decimalsOf(tick);
  const top = TOP_NOTIONAL_FRACTION * coin.baseVolume24h;

  const side = (dir: -1 | 1, sideIdx: number): BookLevel[] => {
    const levels: BookLevel[] = [];
    // Best bid: the tick at or below mid - half spread (so strictly below mid); asks mirror it.
    let units = dir < 0 ? Math.floor(midUnits + 1e-9) - halfTicks : Math.ceil(midUnits - 1e-9) + halfTicks;
    for (let i = 0; i < depth; i++) {
      if (i > 0) units += dir * Math.max(1, Math.round(midUnits * rel * (0.5 + u(sideIdx, i, 1))));
      if (units <= 0) break; // only reachable for a mid within a few ticks of zero
      const notional = top * Math.exp(-i / DECAY_LEVELS) * (0.4 + 1.2 * u(sideIdx, i, 2));
      const qty = Math.floor(notional / mid / coin.lotSize + 1e-9) * coin.lotSize;
      levels.push({ price: Number((units * tick).toFixed(dec)), quantity: qty > 0 ? roundToStep(qty, coin.lotSize) : coin.lotSize });
    }
    return levels;
  };

  return { symbol: coin.symbol, bids: side(-1, 1), asks: side(1, 2), timestamp: t };
}
