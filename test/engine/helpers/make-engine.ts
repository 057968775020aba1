import { createEngine, type Engine, type EngineOptions } from '../../../src/mock/engine/engine.js';
import type { EngineEvent } from '../../../src/mock/engine/trading/events.js';
import type { Permission } from '../../../src/mock/engine/types.js';
import { FakeClock } from './fake-clock.js';
import { FakeMarket } from './fake-market.js';
import { FakeRng } from './fake-rng.js';

export const ALL_PERMISSIONS: Permission[] = ['read:market', 'read:portfolio', 'write:orders'];

export interface Harness {
  engine: Engine;
  clock: FakeClock;
  market: FakeMarket;
  events: EngineEvent[];
  /** Registers a sandbox agent (with optional limits) and returns its id. */
  agent(limits?: { dailyLossLimit?: number | null; maxPositionSize?: number | null }): string;
}

export function makeHarness(options: Partial<EngineOptions> & { seed?: number } = {}): Harness {
  const clock = new FakeClock();
  const market = new FakeMarket(clock);
  let secretN = 0;
  const engine = createEngine({
    clock,
    market,
    rng: new FakeRng(options.seed ?? 1),
    secretSource: () => `secret-${++secretN}`,
    ...options,
  });
  const events: EngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  let n = 0;
  return {
    engine,
    clock,
    market,
    events,
    agent: (limits = {}) =>
      engine.registerAgent({ name: `agent-${++n}`, permissions: ALL_PERMISSIONS, mode: 'sandbox', ...limits }).agent
        .agentId,
  };
}

/** Runs fn, expecting an EngineError with `code`; returns it for further assertions. */
export function expectEngineError(fn: () => unknown, code: string): { code: string; status: number; message: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    const e = error as { code?: string; name?: string };
    if (e.name !== 'EngineError' || e.code !== code) {
      throw new Error(`expected EngineError ${code}, got ${String((error as Error).name)} ${String(e.code)}: ${(error as Error).message}`);
    }
    return error as never;
  }
  throw new Error(`expected EngineError ${code}, but nothing was thrown`);
}
