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
   * Requests a GCRA quota of `limit` per `windowMs` may have regained while `elapsedMs` of real
   * time passed. Zero on a virtual or fixed clock: there time passes only when the runner moves it.
   */
  refilled(elapsedMs: number, limit: number, windowMs: number): number;
}

const refillOnRealClock = (elapsedMs: number, limit: number, windowMs: number): number => Math.floor((Math.max(0, elapsedMs) * limit) / windowMs);

/** A server without the control API: a real clock, `offsetMs` ahead of this machine. */
export function assumedRealClock(offsetMs = 0): ServerClock {
  return { kind: 'real', source: 'assumed', offsetMs, now: () => Date.now() + offsetMs, sync: async () => {}, refilled: refillOnRealClock };
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
      refilled: () => 0,
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
    refilled: refillOnRealClock,
  };
}
