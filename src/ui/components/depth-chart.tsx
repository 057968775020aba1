// The order book's depth: cumulative quantity against price, bids left of the mid and asks right
// of it, as SVG with the price axis to scale. The levels themselves are in the table beside it.
import { num } from '../format.js';
import type { MarketDetail } from '../types.js';

type Level = MarketDetail['book']['bids'][number];

function cumulative(levels: Level[]): Array<[number, number]> {
  let total = 0;
  return levels.map((l) => [l.price, (total += l.quantity)]);
}

export function DepthChart({ book }: { book: MarketDetail['book'] }) {
  const bids = cumulative(book.bids); // best (highest) first
  const asks = cumulative(book.asks); // best (lowest) first
  if (bids.length === 0 || asks.length === 0) return <p class="muted">The book is empty.</p>;
  const W = 400;
  const H = 160;
  const lo = (bids.at(-1) as [number, number])[0];
  const hi = (asks.at(-1) as [number, number])[0];
  const top = Math.max((bids.at(-1) as [number, number])[1], (asks.at(-1) as [number, number])[1]);
  const x = (p: number) => ((p - lo) / (hi - lo || 1)) * W;
  const y = (q: number) => H - (q / top) * (H - 4);
  // Steps outwards from the best price; each level adds its quantity.
  const path = (side: Array<[number, number]>) => {
    const [bestPrice] = side[0] as [number, number];
    let d = `M${x(bestPrice)},${H}`;
    let prev = 0;
    for (const [price, qty] of side) {
      d += ` L${x(price)},${y(prev)} L${x(price)},${y(qty)}`;
      prev = qty;
    }
    return `${d} L${x((side.at(-1) as [number, number])[0])},${H} Z`;
  };
  const label = `Order book depth: best bid ${num(book.bids[0]?.price)}, best ask ${num(book.asks[0]?.price)}, ${num(bids.at(-1)?.[1])} bid and ${num(asks.at(-1)?.[1])} ask quantity over ${book.bids.length} levels a side`;
  return (
    <svg class="depth" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="none">
      <path class="depth-bid" d={path(bids)} />
      <path class="depth-ask" d={path(asks)} />
    </svg>
  );
}
