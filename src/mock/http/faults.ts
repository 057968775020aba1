// Fault injection for the control API: latency (fixed or seeded-random), a 5xx, or a dropped
// connection, on one operation or all, for the next N requests or a seeded ratio of them.
import { createRng } from '../engine/random.js';

export interface FaultSpec {
  /** An operationId, or '*' for every API operation. */
  operationId: string;
  kind: 'latency' | 'error' | 'drop';
  /** latency: base delay. */
  latencyMs?: number;
  /** latency: extra delay drawn uniformly from [0, jitterMs] with the seeded generator. */
  jitterMs?: number;
  /** error: the status to answer (500, 502, 503 or 504; 429 from in-process callers). */
  status?: number;
  /** error with status 429: the Retry-After to send, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Apply to the next `count` matching requests (default: until cleared). */
  count?: number;
  /** Apply to this share of matching requests, drawn with the seeded generator (default 1). */
  ratio?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  remaining: number | null;
  hits: number;
}

export interface FaultDecision {
  fault: Fault;
  delayMs: number;
}

export interface FaultTable {
  add(spec: FaultSpec): Fault;
  list(): Fault[];
  remove(id: string): boolean;
  clear(): void;
  /** The fault to apply to this request, if any; consumes one of its `count`. */
  pick(operationId: string): FaultDecision | null;
}

export function createFaultTable(seed: number): FaultTable {
  let faults: Fault[] = [];
  let rng = createRng(`${seed}:faults`);
  let nextId = 0;
  return {
    add(spec) {
      nextId += 1;
      const fault: Fault = { ...spec, id: `fault_${nextId}`, remaining: spec.count ?? null, hits: 0 };
      faults.push(fault);
      return fault;
    },
    list: () => faults.map((f) => ({ ...f })),
    remove(id) {
      const before = faults.length;
      faults = faults.filter((f) => f.id !== id);
      return faults.length < before;
    },
    clear() {
      faults = [];
      rng = createRng(`${seed}:faults`);
      nextId = 0;
    },
    pick(operationId) {
      for (const fault of faults) {
        if (fault.operationId !== '*' && fault.operationId !== operationId) continue;
        if (fault.remaining !== null && fault.remaining <= 0) continue;
        if (fault.ratio !== undefined && fault.ratio < 1 && rng.next() >= fault.ratio) continue;
        if (fault.remaining !== null) fault.remaining -= 1;
        fault.hits += 1;
        const jitter = fault.jitterMs ? rng.next() * fault.jitterMs : 0;
        return { fault, delayMs: Math.round((fault.latencyMs ?? 0) + jitter) };
      }
      return null;
    },
  };
}
