// Engine events. Operations queue events as they change state; the facade flushes the queue once
// the operation is done, so listeners always observe a consistent engine and can safely call back in.
import type { EpochMs } from '../types.js';
import type { BreakerState } from '../risk/types.js';
import type { OrderView } from './types.js';

export type EngineEventType =
  | 'order.created'
  | 'order.filled'
  | 'order.partially_filled'
  | 'order.canceled'
  | 'order.rejected'
  | 'circuit_breaker.tripped'
  | 'circuit_breaker.reset';

export interface EngineEvent {
  type: EngineEventType;
  agentId: string;
  at: EpochMs;
  order?: OrderView;
  breaker?: BreakerState;
}

export type EngineEventListener = (event: EngineEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EngineEventListener>();
  private readonly queue: EngineEvent[] = [];
  private flushing = false;

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: EngineEvent): void {
    this.queue.push(event);
  }

  /**
   * Delivers queued events in order. Re-entrant calls (a listener calling the engine) only queue;
   * the outer flush delivers them. A throwing listener is isolated: it must not undo or block an
   * operation that already changed state, nor starve the other listeners.
   */
  flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      // Index walk, not shift(): shift is O(queue) and settle() can queue 100k fills at once.
      // Events queued by listeners land at the end and are picked up by the same loop.
      for (let i = 0; i < this.queue.length; i++) {
        const event = this.queue[i] as EngineEvent;
        for (const listener of [...this.listeners]) {
          try {
            listener(event);
          } catch {
            // deliberately ignored, see above
          }
        }
      }
    } finally {
      this.queue.length = 0;
      this.flushing = false;
    }
  }

  /** Drops undelivered events (reset()). */
  clear(): void {
    this.queue.length = 0;
  }
}
