// One agent in full: permissions and quota, portfolio and P&L chart, breakers, and its orders
// with their fills, live.
import { useCallback } from 'preact/hooks';
import { duration, money, num, pnlClass, signedMoney, utc } from '../format.js';
import type { LiveEvent } from '../live.js';
import type { AgentDetail } from '../types.js';
import { useRealClockPoll } from '../use-clock-kind.js';
import { useResource } from '../use-resource.js';
import { EquityChart } from './equity-chart.js';
import { OrdersTable } from './orders-table.js';

export function AgentPanel({ agentId }: { agentId: string }) {
  const staleOn = useCallback(
    (e: LiveEvent) => e.type === 'control' || ((e.type === 'engine' || e.type === 'request') && e.data.agentId === agentId),
    [agentId],
  );
  const detail = useResource<AgentDetail>(`/agents/${encodeURIComponent(agentId)}`, { staleOn, pollMs: useRealClockPoll() });
  if (detail.error) return <p class="error">{detail.error}</p>;
  const d = detail.data;
  if (!d) return <p class="muted">Loading {agentId}…</p>;
  const a = d.agent;
  const dl = a.breakers.dailyLoss;
  return (
    <section class="card" aria-labelledby="agent-h" data-testid="agent-panel">
      <h2 id="agent-h">
        {a.name} <span class={`badge ${a.mode}`}>{a.mode}</span>
      </h2>
      <div class="grid">
        <dl class="facts">
          <dt>Agent id</dt>
          <dd>
            <code>{a.agentId}</code>
          </dd>
          <dt>Key</dt>
          <dd>
            <code>{a.keyPrefix}…</code>
          </dd>
          <dt>Permissions</dt>
          <dd>{a.permissions.join(', ')}</dd>
          <dt>Rate limit</dt>
          <dd>
            {a.rateLimit.remaining} of {a.rateLimit.limit} left; {a.rateLimit.resetsInMs === 0 ? 'full' : `full again in ${duration(a.rateLimit.resetsInMs)}`}
          </dd>
          <dt>Created</dt>
          <dd>{utc(a.createdAt)}</dd>
        </dl>
        <dl class="facts">
          <dt>Cash</dt>
          <dd>
            {money(a.portfolio.cash)} ({money(a.portfolio.reservedCash)} reserved)
          </dd>
          <dt>Total value</dt>
          <dd>{money(a.portfolio.totalValue)}</dd>
          <dt>P&amp;L</dt>
          <dd class={pnlClass(a.portfolio.pnl)}>{signedMoney(a.portfolio.pnl)}</dd>
          <dt>Today</dt>
          <dd class={pnlClass(a.portfolio.dayPnl)}>{signedMoney(a.portfolio.dayPnl)}</dd>
        </dl>
        <dl class="facts">
          <dt>Daily-loss breaker</dt>
          <dd>
            {dl.limit === null ? 'off' : `${dl.tripped ? 'TRIPPED' : 'ok'}: loss ${money(dl.current)} of ${money(dl.limit)}`}
          </dd>
          {dl.tripped && (
            <>
              <dt>Tripped at</dt>
              <dd>{utc(dl.trippedAt)}</dd>
              <dt>Resets at</dt>
              <dd>{utc(dl.resetsAt)}</dd>
            </>
          )}
          <dt>Max position</dt>
          <dd>{a.breakers.maxPositionSize.limit === null ? 'off' : money(a.breakers.maxPositionSize.limit)}</dd>
        </dl>
      </div>
      <h3>P&amp;L over time</h3>
      <EquityChart equity={d.equity} />
      <h3>Positions</h3>
      {a.portfolio.positions.length === 0 ? (
        <p class="muted">No positions.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Coin</th>
              <th scope="col">Quantity</th>
              <th scope="col">Avg price</th>
              <th scope="col">Mark</th>
              <th scope="col">Value</th>
              <th scope="col">Unrealised</th>
            </tr>
          </thead>
          <tbody>
            {a.portfolio.positions.map((p) => (
              <tr key={p.symbol}>
                <td>{p.symbol}</td>
                <td>{num(p.quantity)}</td>
                <td>{money(p.avgPrice)}</td>
                <td>{money(p.marketPrice)}</td>
                <td>{money(p.marketValue)}</td>
                <td class={pnlClass(p.unrealizedPnl)}>{signedMoney(p.unrealizedPnl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Orders</h3>
      <OrdersTable orders={d.orders} />
    </section>
  );
}
