import type { Clock } from '../../../src/mock/engine/types.js';

export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

/** A settable clock; starts at 2026-01-05T12:00:00Z unless told otherwise. */
export class FakeClock implements Clock {
  constructor(private t: number = T0) {}
  now(): number {
    return this.t;
  }
  set(ms: number): void {
    this.t = ms;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
