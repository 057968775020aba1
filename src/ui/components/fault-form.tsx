// The form behind POST /__nx/faults. Only the fields of the chosen kind are sent; the mock's
// problem detail is shown when it refuses.
import { useState } from 'preact/hooks';
import { send } from '../api.js';
import type { Info } from '../types.js';

type Kind = 'error' | 'latency' | 'drop';

export function FaultForm({ operations, onAdded }: { operations: Info['operations']; onAdded(): void }) {
  const [form, setForm] = useState({ operationId: '*', kind: 'error' as Kind, status: '503', latencyMs: '500', jitterMs: '0', count: '1', ratio: '' });
  const [message, setMessage] = useState('');
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const spec: Record<string, unknown> = { operationId: form.operationId, kind: form.kind };
    if (form.kind === 'error') spec.status = Number(form.status);
    if (form.kind === 'latency') {
      spec.latencyMs = Number(form.latencyMs);
      if (Number(form.jitterMs) > 0) spec.jitterMs = Number(form.jitterMs);
    }
    if (form.count !== '') spec.count = Number(form.count);
    if (form.ratio !== '') spec.ratio = Number(form.ratio);
    try {
      const fault = await send<{ id: string }>('POST', '/faults', spec);
      setMessage(`Injected ${fault.id}.`);
      onAdded();
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  return (
    <form class="fault-form" onSubmit={(e) => void submit(e)}>
      <label>
        Operation{' '}
        <select name="operationId" value={form.operationId} onChange={set('operationId')}>
          <option value="*">every operation (*)</option>
          {operations.map((op) => (
            <option key={op.operationId} value={op.operationId}>
              {op.operationId} ({op.method} {op.path})
            </option>
          ))}
        </select>
      </label>
      <label>
        Kind{' '}
        <select name="kind" value={form.kind} onChange={set('kind')}>
          <option value="error">error (5xx)</option>
          <option value="latency">latency</option>
          <option value="drop">drop the connection</option>
        </select>
      </label>
      {form.kind === 'error' && (
        <label>
          Status{' '}
          <select name="status" value={form.status} onChange={set('status')}>
            {['500', '502', '503', '504'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      {form.kind === 'latency' && (
        <>
          <label>
            Latency (ms) <input name="latencyMs" type="number" min="0" max="60000" value={form.latencyMs} onInput={set('latencyMs')} />
          </label>
          <label>
            Jitter (ms) <input name="jitterMs" type="number" min="0" max="60000" value={form.jitterMs} onInput={set('jitterMs')} />
          </label>
        </>
      )}
      <label>
        For the next N calls (empty: until removed) <input name="count" type="number" min="1" value={form.count} onInput={set('count')} />
      </label>
      <label>
        Share of calls, 0–1 (empty: all) <input name="ratio" type="number" min="0" max="1" step="any" value={form.ratio} onInput={set('ratio')} />
      </label>
      <button type="submit">Inject fault</button>
      <p role="status">{message}</p>
    </form>
  );
}
