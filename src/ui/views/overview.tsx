// Overview: what the mock runs with (seed, market source, defects), how busy it is (requests and
// errors per minute, live from the stats events) and how much state it holds.
import { useCallback, useState } from 'preact/hooks';
import { MinuteBars } from '../components/minute-bars.js';
import { useLive, type LiveEvent } from '../live.js';
import type { AgentList, FaultList, Info, JournalPage, Stats } from '../types.js';
import { useResource } from '../use-resource.js';

const onControl = (e: LiveEvent) => e.type === 'control';
const onRequest = (e: LiveEvent) => e.type === 'request' || e.type === 'control';

export function Overview() {
  const info = useResource<Info>('/info', { staleOn: onControl });
  const agents = useResource<AgentList>('/agents?limit=1', { staleOn: (e) => onRequest(e) && (e.type === 'control' || e.data.operationId === 'registerAgent') });
  const journal = useResource<JournalPage>('/journal?limit=1', { staleOn: onRequest });
  const faults = useResource<FaultList>('/faults', { staleOn: onRequest });
  const first = useResource<Stats>('/stats');
  const [live, setLive] = useState<Stats | undefined>(undefined);
  useLive(useCallback((e: LiveEvent) => e.type === 'stats' && setLive(e.data as Stats), []));
  const stats = live ?? first.data;
  const i = info.data;
  return (
    <div class="grid">
      <section class="card" aria-labelledby="run-h">
        <h2 id="run-h">Running with</h2>
        {info.error && <p class="error">{info.error}</p>}
        {i && (
          <dl class="facts">
            <dt>Seed</dt>
            <dd data-testid="seed">{i.seed}</dd>
            <dt>Market source</dt>
            <dd>{i.market}</dd>
            <dt>Defects on</dt>
            <dd>{i.defects.length === 0 ? 'none' : <ul class="inline">{i.defects.map((d) => <li key={d} class="badge warn">{d}</li>)}</ul>}</dd>
            <dt>Rate limit</dt>
            <dd>{i.rateLimit} requests/min per agent</dd>
            <dt>Version</dt>
            <dd>{i.version}</dd>
            <dt>Demo agents</dt>
            <dd>
              <ul class="plain">
                {i.demoAgents.map((d) => (
                  <li key={d.agentId}>
                    {d.mode}: <code>{d.apiKey.slice(0, 12)}…</code>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        )}
      </section>
      <section class="card" aria-labelledby="traffic-h">
        <h2 id="traffic-h">Traffic (last minute, wall clock)</h2>
        {stats && (
          <>
            <p class="big-numbers">
              <span>
                <strong data-testid="rpm">{stats.requests}</strong> requests/min
              </span>
              <span>
                <strong data-testid="epm" class={stats.errors > 0 ? 'loss' : ''}>
                  {stats.errors}
                </strong>{' '}
                errors/min
              </span>
            </p>
            <MinuteBars perMinute={stats.perMinute} />
            <p class="muted">Errors are answers with a 4xx or 5xx status. {stats.streams} dashboard stream(s) open.</p>
          </>
        )}
      </section>
      <section class="card" aria-labelledby="state-h">
        <h2 id="state-h">State</h2>
        <dl class="facts">
          <dt>Agents</dt>
          <dd>
            <a href="#/agents">{agents.data?.total ?? '…'}</a>
          </dd>
          <dt>Journal</dt>
          <dd>
            <a href="#/requests">
              {journal.data ? `${journal.data.size} of ${journal.data.capacity} entries` : '…'}
            </a>
          </dd>
          <dt>Active faults</dt>
          <dd>
            <a href="#/faults">{faults.data?.data.length ?? '…'}</a>
          </dd>
        </dl>
      </section>
    </div>
  );
}
