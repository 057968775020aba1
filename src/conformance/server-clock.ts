// The runner's idea of the server's clock, used for X-NX-Timestamp. Against the mock with a
// virtual clock it is that clock exactly (it only moves when a check moves it); against a mock
// with a real or fixed clock it is this machine's clock plus the measured offset; against any
// other server it is this machine's clock (servers are expected to be NTP-synced).
import type { ControlClient } from '../client/control-client.js';

export interface ServerClock {
  now(): number;
  /** Re-reads the control clock (after a check moved it). */
  sync(): Promise<void>;
  readonly kind: 'virtual' | 'offset' | 'local';
}

export async function createServerClock(control: ControlClient | null): Promise<ServerClock> {
  if (!control) return { kind: 'local', now: () => Date.now(), sync: async () => {} };
  const info = await control.info();
  if (info.clock.kind === 'virtual') {
    let virtualNow = info.clock.nowMs;
    return {
      kind: 'virtual',
      now: () => virtualNow,
      sync: async () => {
        virtualNow = await control.now();
      },
    };
  }
  let offset = info.clock.nowMs - Date.now();
  return {
    kind: 'offset',
    now: () => Date.now() + offset,
    sync: async () => {
      offset = (await control.now()) - Date.now();
    },
  };
}
