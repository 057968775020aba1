// Whether the mock's clock runs on its own. Prices, portfolios and quotas then change without any
// event, so the views that show them poll while the clock is real (and only then).
import type { LiveEvent } from './live.js';
import type { ClockState } from './types.js';
import { useResource } from './use-resource.js';

const clockChanged = (e: LiveEvent) => e.type === 'control' && (e.data.operationId === 'moveClock' || e.data.operationId === 'resetState');

/** A poll interval for useResource: every `ms` on a real clock, never otherwise. */
export function useRealClockPoll(ms = 5_000): number | undefined {
  const clock = useResource<ClockState>('/clock', { staleOn: clockChanged });
  return clock.data?.kind === 'real' ? ms : undefined;
}
