// useResource: a control API read that refetches when a live event says its data changed, at
// most one request in flight and bursts of events folded into one refetch.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from './api.js';
import { useLive, type LiveEvent } from './live.js';

export interface Resource<T> {
  data: T | undefined;
  error: string | undefined;
  reload(): void;
}

export interface ResourceOptions {
  /** Which live events make the data stale (reconnects and lagged streams always do). */
  staleOn?: (event: LiveEvent) => boolean;
  /** Also refetch this often (for data that changes without an event, e.g. a real clock). */
  pollMs?: number;
}

const DEBOUNCE_MS = 120;

export function useResource<T>(path: string | null, options: ResourceOptions = {}): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const state = useRef({ inFlight: false, again: false, timer: 0, path });
  state.current.path = path;

  const load = useCallback(async () => {
    const s = state.current;
    if (s.path === null) return;
    if (s.inFlight) {
      s.again = true;
      return;
    }
    s.inFlight = true;
    const requested = s.path;
    try {
      const value = await getJson<T>(requested);
      if (state.current.path === requested) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      s.inFlight = false;
      if (s.again) {
        s.again = false;
        void load();
      }
    }
  }, []);

  const schedule = useCallback(() => {
    const s = state.current;
    if (s.timer) return;
    s.timer = window.setTimeout(() => {
      s.timer = 0;
      void load();
    }, DEBOUNCE_MS);
  }, [load]);

  useEffect(() => {
    setData(undefined);
    void load();
  }, [path, load]);

  // The latest options, read by the live listener, so inline predicates do not resubscribe it.
  const opts = useRef(options);
  opts.current = options;
  useLive(
    useCallback(
      (event: LiveEvent) => {
        if (event.type === 'open' || event.type === 'lagged' || opts.current.staleOn?.(event)) schedule();
      },
      [schedule],
    ),
  );

  useEffect(() => {
    if (!options.pollMs) return;
    const id = window.setInterval(schedule, options.pollMs);
    return () => window.clearInterval(id);
  }, [options.pollMs, schedule]);

  useEffect(() => () => window.clearTimeout(state.current.timer), []);

  return { data, error, reload: schedule };
}
