// Faults: the active ones (with hits and what remains) and a form to inject latency, a 5xx or a
// dropped connection on one operation or all. Refreshed as API calls consume them.
import { useCallback } from 'preact/hooks';
import { send } from '../api.js';
import { FaultForm } from '../components/fault-form.js';
import type { LiveEvent } from '../live.js';
import type { Fault, FaultList, Info } from '../types.js';
import { useResource } from '../use-resource.js';

function describe(f: Fault): string {
  if (f.kind === 'error') return `answer ${f.status ?? 500}`;
  if (f.kind === 'drop') return 'drop the connection';
  return `delay ${f.latencyMs ?? 0} ms${f.jitterMs ? ` + up to ${f.jitterMs} ms` : ''}`;
}

export function Faults() {
  const staleOn = useCallback((e: LiveEvent) => e.type === 'request' || e.type === 'control', []);
  const list = useResource<FaultList>('/faults', { staleOn });
  const info = useResource<Info>('/info');
  const remove = async (path: string) => {
    await send('DELETE', path);
    list.reload();
  };
  const faults = list.data?.data ?? [];
  return (
    <div class="stack">
      <section class="card" aria-labelledby="faults-h">
        <div class="row">
          <h2 id="faults-h">Active faults ({faults.length})</h2>
          {faults.length > 0 && (
            <button type="button" onClick={() => void remove('/faults')}>
              Clear all faults
            </button>
          )}
        </div>
        {list.error && <p class="error">{list.error}</p>}
        {list.data && faults.length === 0 && <p class="muted">None: every API call is answered normally.</p>}
        {faults.length > 0 && (
          <table data-testid="faults">
            <thead>
              <tr>
                <th scope="col">Fault</th>
                <th scope="col">Operation</th>
                <th scope="col">Effect</th>
                <th scope="col">Applies to</th>
                <th scope="col">Hits</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {faults.map((f) => (
                <tr key={f.id}>
                  <td>
                    <code>{f.id}</code>
                  </td>
                  <td>{f.operationId === '*' ? 'every operation' : f.operationId}</td>
                  <td>{describe(f)}</td>
                  <td>
                    {f.remaining === null ? 'every call' : `the next ${f.remaining} call(s)`}
                    {f.ratio !== undefined && f.ratio < 1 ? `, ${Math.round(f.ratio * 100)}% of them` : ''}
                  </td>
                  <td>{f.hits}</td>
                  <td>
                    <button type="button" onClick={() => void remove(`/faults/${f.id}`)}>
                      Remove<span class="visually-hidden"> {f.id}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" aria-labelledby="inject-h">
        <h2 id="inject-h">Inject a fault</h2>
        <FaultForm operations={info.data?.operations ?? []} onAdded={list.reload} />
      </section>
    </div>
  );
}
