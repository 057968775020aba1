// The live feed: one EventSource on /__nx/events for the whole page. Views subscribe to the
// events they care about; a reconnect is announced as an 'open' event so they refetch whatever
// they may have missed while the stream was down.
import { useEffect, useState } from 'preact/hooks';

export interface LiveEvent {
  type: 'open' | 'hello' | 'request' | 'engine' | 'control' | 'stats' | 'lagged';
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the stream, read per type
}

type Listener = (event: LiveEvent) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<(connected: boolean) => void>();
let connected = false;
let source: EventSource | undefined;

function emit(event: LiveEvent): void {
  for (const listener of [...listeners]) listener(event);
}

function setConnected(value: boolean): void {
  if (connected === value) return;
  connected = value;
  for (const listener of [...statusListeners]) listener(value);
}

export function connectLive(): void {
  if (source) return;
  source = new EventSource('/__nx/events');
  source.onopen = () => {
    setConnected(true);
    emit({ type: 'open', data: null });
  };
  source.onerror = () => setConnected(false);
  for (const type of ['hello', 'request', 'engine', 'control', 'stats', 'lagged'] as const) {
    source.addEventListener(type, (e) => emit({ type, data: JSON.parse((e as MessageEvent<string>).data) }));
  }
}

/** Calls `handler` with every live event while the component is mounted. */
export function useLive(handler: Listener): void {
  useEffect(() => {
    listeners.add(handler);
    return () => void listeners.delete(handler);
  }, [handler]);
}

export function useConnected(): boolean {
  const [value, setValue] = useState(connected);
  useEffect(() => {
    statusListeners.add(setValue);
    setValue(connected);
    return () => void statusListeners.delete(setValue);
  }, []);
  return value;
}
