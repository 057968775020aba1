// The runner's idea of the server's clock: its kind and its time. Every check that counts
// requests or waits reasons from it, never from "the control API is there":
// - the kind (real, fixed or virtual) comes from the control API when the server has one; a
//   server without it is taken to run on a real clock, as every production server does;
// - the time is the control clock's (a virtual or fixed clock only moves when the runner moves
//   it), or this machine's clock plus the offset the pre-flight measured.
import type { ControlClient } from '../client/control-client.js';

export type ClockKind = 'real' | 'fixed' | 'virtual';

export interface ServerClock {
  readonly kind: ClockKind;
  /** 'control': read from the control API; 'assumed': no control API, a real clock is assumed. */
  readonly source: 'control' | 'assumed';
  /** The server's time in ms since the epoch, as well as the runner knows it. */
  now(): number;
  /** Re-reads the control clock (after a check moved it). */
  sync(): Promise<void>;
  /** Server time minus this machine's time, in ms (as measured; 0 for an in-sync server). */
  readonly offsetMs: number;
  /**
   * Requests a GCRA quota of `limit` per `windowMs`, full when the interval began (a fresh agent's
   * first request), has regained by its end, `elapsedMs` of real time later: one per emission
   * interval (windowMs / limit). Zero on a virtual or fixed clock: there time passes only when the
   * runner moves it. Under GCRA "60 per minute" lets request 61 through once a second has passed.
   */
  refilled(elapsedMs: number, limit: number, windowMs: number): number;
  /** The most a quota may regain over any `elapsedMs` (an interval not aligned with its refills). */
  maxRefill(elapsedMs: number, limit: number, windowMs: number): number;
}

const intervals = (elapsedMs: number, limit: number, windowMs: number): number => (Math.max(0, elapsedMs) * limit) / windowMs;
const REAL = {
  refilled: (elapsedMs: number, limit: number, windowMs: number): number => Math.floor(intervals(elapsedMs, limit, windowMs)),
  maxRefill: (elapsedMs: number, limit: number, windowMs: number): number => Math.ceil(intervals(elapsedMs, limit, windowMs)),
};
const FROZEN = { refilled: () => 0, maxRefill: () => 0 };

/** A server without the control API: a real clock, `offsetMs` ahead of this machine. */
export function assumedRealClock(offsetMs = 0): ServerClock {
  return { kind: 'real', source: 'assumed', offsetMs, now: () => Date.now() + offsetMs, sync: async () => {}, ...REAL };
}

export async function createServerClock(control: ControlClient | null, offsetMs = 0): Promise<ServerClock> {
  if (!control) return assumedRealClock(offsetMs);
  const info = await control.info();
  const kind: ClockKind = info.clock.kind === 'virtual' || info.clock.kind === 'fixed' ? info.clock.kind : 'real';
  if (kind !== 'real') {
    let serverNow = info.clock.nowMs;
    return {
      kind,
      source: 'control',
      get offsetMs() {
        return serverNow - Date.now();
      },
      now: () => serverNow,
      sync: async () => {
        serverNow = await control.now();
      },
      ...FROZEN,
    };
  }
  let offset = info.clock.nowMs - Date.now();
  return {
    kind,
    source: 'control',
    get offsetMs() {
      return offset;
    },
    now: () => Date.now() + offset,
    sync: async () => {
      offset = (await control.now()) - Date.now();
    },
    ...REAL,
  };
}
