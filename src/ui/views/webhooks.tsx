// Webhooks: each subscription with its deliveries, their attempts and next retry, and buttons to
// redeliver a message or send what is due now. Deliveries happen off the request path, so the
// view also polls while it is open.
import { useCallback, useState } from 'preact/hooks';
import { send } from '../api.js';
import { utc } from '../format.js';
import type { LiveEvent } from '../live.js';
import type { WebhookDeliveryList, WebhookMessage } from '../types.js';
import { useResource } from '../use-resource.js';

function lastAttempt(m: WebhookMessage): string {
  const a = m.attempts.at(-1);
  if (!a) return m.note ?? 'not attempted yet';
  return `#${a.number} ${a.status ?? a.error ?? '?'} at ${utc(a.at)}`;
}

export function Webhooks() {
  const staleOn = useCallback((e: LiveEvent) => e.type === 'engine' || e.type === 'control' || (e.type === 'request' && /webhook/i.test(e.data.operationId ?? '')), []);
  const list = useResource<WebhookDeliveryList>('/webhooks', { staleOn, pollMs: 2_000 });
  const [note, setNote] = useState('');
  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      setNote(what);
      list.reload();
    } catch (e) {
      setNote((e as Error).message);
    }
  };
  const hooks = list.data?.data ?? [];
  return (
    <section class="card" aria-labelledby="webhooks-h">
      <div class="row">
        <h2 id="webhooks-h">Webhooks ({hooks.length})</h2>
        <button type="button" onClick={() => void act('Sent every due delivery.', () => send('POST', '/webhooks/flush'))}>
          Send due deliveries now
        </button>
      </div>
      <p role="status" class="muted">
        {note}
      </p>
      {list.error && <p class="error">{list.error}</p>}
      {list.data && hooks.length === 0 && <p class="muted">No webhooks: an agent subscribes with POST /v1/agent/webhooks.</p>}
      {list.data && <p class="muted">Retries after a failed attempt: {list.data.retryScheduleMs.map((ms) => `${ms / 1000} s`).join(', ')} (mock clock).</p>}
      {hooks.map((w) => (
        <article key={w.id} class="webhook" aria-labelledby={`${w.id}-h`}>
          <h3 id={`${w.id}-h`}>
            <code>{w.id}</code> → <code>{w.url}</code>
          </h3>
          <p class="muted">
            Agent <a href={`#/agents/${w.agentId}`}>{w.agentId}</a>; events {w.events.join(', ')}; created {utc(w.createdAt)}
          </p>
          {w.messages.length === 0 ? (
            <p class="muted">No deliveries yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Message</th>
                  <th scope="col">Event</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last attempt</th>
                  <th scope="col">Next retry</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {w.messages.map((m) => (
                  <tr key={m.messageId}>
                    <td>
                      <code>{m.messageId}</code>
                    </td>
                    <td>{m.eventType}</td>
                    <td>
                      <span class={`badge ${m.state === 'delivered' ? 'ok' : m.state === 'failed' ? 'danger' : 'warn'}`}>{m.state}</span>
                    </td>
                    <td>{m.attempts.length}</td>
                    <td>{lastAttempt(m)}</td>
                    <td>{m.nextAttemptAt ? utc(m.nextAttemptAt) : '—'}</td>
                    <td>
                      <button type="button" onClick={() => void act(`Queued ${m.messageId} again.`, () => send('POST', `/webhooks/${w.id}/redeliver`, { messageId: m.messageId }))}>
                        Redeliver<span class="visually-hidden"> {m.messageId}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  );
}
