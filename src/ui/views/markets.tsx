// Markets: every coin's price, and for the chosen one its candlesticks, the book's depth and the
// pin/shift controls. Redrawn when the clock or a price override changes (and every few seconds
// on a real clock, whose prices move on their own).
import { useState } from 'preact/hooks';
import { CandleChart } from '../components/candle-chart.js';
import { DepthChart } from '../components/depth-chart.js';
import { OverrideControls } from '../components/override-controls.js';
import { money, num, utc } from '../format.js';
import { href } from '../route.js';
import { pricesMoved } from '../stale.js';
import type { MarketDetail, MarketList } from '../types.js';
import { useRealClockPoll } from '../use-clock-kind.js';
import { useResource } from '../use-resource.js';

const INTERVALS = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;

export function Markets({ symbol }: { symbol: string | undefined }) {
  const poll = useRealClockPoll();
  const list = useResource<MarketList>('/market', { staleOn: pricesMoved, pollMs: poll });
  const [interval, setCandleInterval] = useState<(typeof INTERVALS)[number]>('1m');
  const chosen = symbol ?? list.data?.data[0]?.symbol;
  const detail = useResource<MarketDetail>(chosen ? `/market/${encodeURIComponent(chosen)}?interval=${interval}&limit=120&depth=20` : null, { staleOn: pricesMoved, pollMs: poll });
  const d = detail.data;
  return (
    <div class="split">
      <nav class="coin-list" aria-label="Coins">
        {list.error && <p class="error">{list.error}</p>}
        <ul class="plain">
          {list.data?.data.map((c) => (
            <li key={c.symbol}>
              <a href={href('markets', c.symbol)} aria-current={c.symbol === chosen ? 'true' : undefined}>
                <span class="sym">{c.symbol}</span> <span>{money(c.price)}</span>{' '}
                <span class={c.change24h >= 0 ? 'gain' : 'loss'}>
                  {c.change24h >= 0 ? '+' : ''}
                  {c.change24h}%
                </span>
                {c.overrides.length > 0 && <span class="badge warn">override</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="stack">
        {detail.error && <p class="error">{detail.error}</p>}
        {d && (
          <>
            <section class="card" aria-labelledby="candles-h">
              <div class="row">
                <h2 id="candles-h">
                  {d.name} ({d.symbol}) <span data-testid="price">{money(d.price)}</span>
                </h2>
                <label>
                  Interval{' '}
                  <select value={interval} onChange={(e) => setCandleInterval(e.currentTarget.value as (typeof INTERVALS)[number])}>
                    {INTERVALS.map((i) => (
                      <option key={i}>{i}</option>
                    ))}
                  </select>
                </label>
              </div>
              <CandleChart detail={d} />
              <p class="muted">At {utc(d.at)}.</p>
            </section>
            <section class="card" aria-labelledby="depth-h">
              <h2 id="depth-h">Order book</h2>
              <div class="row top">
                <DepthChart book={d.book} />
                <table class="book">
                  <caption class="visually-hidden">Best five levels a side</caption>
                  <thead>
                    <tr>
                      <th scope="col">Bid qty</th>
                      <th scope="col">Bid</th>
                      <th scope="col">Ask</th>
                      <th scope="col">Ask qty</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.book.bids.slice(0, 5).map((b, i) => (
                      <tr key={i}>
                        <td>{num(b.quantity)}</td>
                        <td class="gain">{num(b.price)}</td>
                        <td class="loss">{num(d.book.asks[i]?.price)}</td>
                        <td>{num(d.book.asks[i]?.quantity)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section class="card" aria-labelledby="override-h">
              <h2 id="override-h">Price overrides</h2>
              {d.overrides.length === 0 ? (
                <p class="muted">None: {d.symbol} follows the market source.</p>
              ) : (
                <ul>
                  {d.overrides.map((o, i) => (
                    <li key={i}>{o.kind === 'pin' ? `pinned at ${money(o.price)}` : `shifted by ${o.percent}%`} from {utc(o.from)}</li>
                  ))}
                </ul>
              )}
              <OverrideControls symbol={d.symbol} onDone={detail.reload} />
            </section>
          </>
        )}
      </div>
    </div>
  );
}
