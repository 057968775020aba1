// Agents: a table of every agent (mode, quota, value, P&L, breakers, orders), and the chosen
// agent in full. Refreshed when a request of theirs, an engine event or a control call lands.
import { useCallback } from 'preact/hooks';
import { AgentPanel } from '../components/agent-panel.js';
import { money, pnlClass, signedMoney } from '../format.js';
import type { LiveEvent } from '../live.js';
import { href } from '../route.js';
import type { AgentList } from '../types.js';
import { useRealClockPoll } from '../use-clock-kind.js';
import { useResource } from '../use-resource.js';

export function Agents({ agentId }: { agentId: string | undefined }) {
  const staleOn = useCallback((e: LiveEvent) => e.type === 'engine' || e.type === 'control' || (e.type === 'request' && e.data.agentId !== null) || (e.type === 'request' && e.data.operationId === 'registerAgent'), []);
  const list = useResource<AgentList>('/agents', { staleOn, pollMs: useRealClockPoll() });
  const agents = list.data?.data ?? [];
  return (
    <div class="stack">
      <section class="card" aria-labelledby="agents-h">
        <h2 id="agents-h">
          Agents <span class="muted">({list.data ? `${list.data.total}` : '…'})</span>
        </h2>
        {list.error && <p class="error">{list.error}</p>}
        <div class="scroll">
          <table class="agents">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Mode</th>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
                <th scope="col">P&amp;L</th>
                <th scope="col">Orders (open)</th>
                <th scope="col">Quota left</th>
                <th scope="col">Daily-loss breaker</th>
              </tr>
            </thead>
            <tbody>
              {[...agents].reverse().map((a) => (
                <tr key={a.agentId} aria-current={a.agentId === agentId ? 'true' : undefined} data-agent-id={a.agentId}>
                  <td>
                    <a href={href('agents', a.agentId)}>{a.name}</a>
                  </td>
                  <td>
                    <span class={`badge ${a.mode}`}>{a.mode}</span>
                  </td>
                  <td>
                    <code>{a.keyPrefix}…</code>
                  </td>
                  <td>{money(a.portfolio.totalValue)}</td>
                  <td class={pnlClass(a.portfolio.pnl)}>{signedMoney(a.portfolio.pnl)}</td>
                  <td>
                    {a.orderCounts.total} ({a.orderCounts.open})
                  </td>
                  <td>
                    {a.rateLimit.remaining}/{a.rateLimit.limit}
                  </td>
                  <td>{a.breakers.dailyLoss.tripped ? <span class="badge danger">tripped</span> : a.breakers.dailyLoss.limit === null ? 'off' : 'ok'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {agents.length === 0 && list.data && <p class="muted">No agents yet: POST /v1/agent/register creates one.</p>}
      </section>
      {agentId && <AgentPanel agentId={agentId} />}
    </div>
  );
}
