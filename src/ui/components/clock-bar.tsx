// The mock's clock in the header of every view. A real clock ticks here between reads; a virtual
// clock gets advance and set controls that call POST /__nx/clock.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { send } from '../api.js';
import { utc } from '../format.js';
import { clockMoved } from '../stale.js';
import type { ClockState } from '../types.js';
import { useResource } from '../use-resource.js';

const STEPS: Array<[string, number]> = [
  ['+1 min', 60_000],
  ['+1 h', 3_600_000],
  ['+1 day', 86_400_000],
];

export function ClockBar() {
  const clock = useResource<ClockState>('/clock', { staleOn: clockMoved });
  const [error, setError] = useState<string | undefined>(undefined);
  const [setTo, setSetTo] = useState('');
  const [tick, setTick] = useState(() => Date.now());
  const c = clock.data;
  // Only a real clock moves on its own; a fixed or virtual one changes through control calls.
  useEffect(() => {
    if (c?.kind !== 'real') return;
    const id = window.setInterval(() => setTick(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [c?.kind]);
  // When this reading arrived, so a real clock can be shown running on from it.
  const readAt = useMemo(() => Date.now(), [c?.nowMs]);
  const shown = c ? (c.kind === 'real' ? c.nowMs + Math.max(0, tick - readAt) : c.nowMs) : undefined;

  const move = async (body: { advanceMs: number } | { set: string }) => {
    try {
      setError(undefined);
      await send('POST', '/clock', body);
      clock.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section class="clock" aria-label="Clock">
      <span class="clock-kind">{c ? `${c.kind} clock` : 'clock'}</span>
      <time class="clock-now" data-now-ms={c?.nowMs} dateTime={shown === undefined ? undefined : new Date(shown).toISOString()}>
        {shown === undefined ? '…' : utc(shown)}
      </time>
      {c?.kind === 'virtual' && (
        <>
          {STEPS.map(([label, ms]) => (
            <button key={label} type="button" onClick={() => void move({ advanceMs: ms })} aria-label={`Advance the clock ${label.slice(1)}`}>
              {label}
            </button>
          ))}
          <form
            class="clock-set"
            onSubmit={(e) => {
              e.preventDefault();
              if (setTo) void move({ set: new Date(`${setTo}Z`).toISOString() });
            }}
          >
            <label>
              Set (UTC) <input type="datetime-local" step="1" value={setTo} onInput={(e) => setSetTo(e.currentTarget.value)} />
            </label>
            <button type="submit">Set</button>
          </form>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
