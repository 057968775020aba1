// Whether the mock's clock runs on its own. Prices, portfolios and quotas then change without any
// event, so the views that show them poll while the clock is real (and only then).
import { clockMoved } from './stale.js';
import type { ClockState } from './types.js';
import { useResource } from './use-resource.js';

/** A poll interval for useResource: every `ms` on a real clock, never otherwise. */
export function useRealClockPoll(ms = 5_000): number | undefined {
  const clock = useResource<ClockState>('/clock', { staleOn: clockMoved });
  return clock.data?.kind === 'real' ? ms : undefined;
}
