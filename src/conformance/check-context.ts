// What a check can use: agents (registered on demand and budgeted), an anonymous client, the
// server's control API when it has one, the server's clock, spec validation, and fail/skip
// helpers that capture evidence automatically.
import { createAgentClient, type AgentClient, type ApiResponse, type Exchange } from '../client/agent-client.js';
import type { ControlClient } from '../client/control-client.js';
import type { AgentPool, TestAgent } from './agent-pool.js';
import { CheckFailure, CheckSkipped, type AgentMode, type AgentRequest, type Check } from './check.js';
import type { ServerClock } from './server-clock.js';
import { specProblems } from './spec-problems.js';

export interface RunOptions {
  baseUrl: string;
  allowLiveOrders: boolean;
  slow: boolean;
  timeoutMs: number;
  seed: number;
}

export interface CheckContext {
  readonly check: Check;
  readonly mode: AgentMode;
  readonly options: RunOptions;
  /** The mock's control API when the server offers it (checks then run their fast form). */
  readonly control: ControlClient | null;
  /** A client without credentials. */
  readonly anonymous: AgentClient;
  agent(req?: AgentRequest): Promise<TestAgent>;
  /** The server's clock in ms: the control clock when available, else this machine's. */
  now(): number;
  /** Moves the server's virtual clock (control API only; others skip). */
  advanceClock(ms: number): Promise<void>;
  /** Waits on the server's clock: moves the control clock, or (with --slow) really waits. */
  wait(ms: number): Promise<'control-clock' | 'wall-clock'>;
  /** Problems of this response against the spec (empty when it conforms). */
  specProblems(res: ApiResponse<unknown>): string[];
  fail(message: string, expected: string, actual: string, note?: string): never;
  skip(message: string): never;
  /** Every exchange this check made, in order. */
  readonly exchanges: Exchange[];
  /** A note for the reproduce line of a failure (how the request deviated from canonical). */
  reproduceNote: string | undefined;
}

export interface ContextDeps {
  check: Check;
  mode: AgentMode;
  options: RunOptions;
  control: ControlClient | null;
  clock: ServerClock;
  pool: AgentPool;
  exchanges: Exchange[];
  sleep: (ms: number) => Promise<void>;
}

export function createCheckContext(deps: ContextDeps): CheckContext {
  const { check, mode, options, control, pool, exchanges } = deps;
  const ctx: CheckContext = {
    check,
    mode,
    options,
    control,
    exchanges,
    reproduceNote: undefined,
    anonymous: createAgentClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, now: () => deps.clock.now(), onExchange: (e) => exchanges.push(e) }),
    async agent(req = {}) {
      if (check.needs.orders && (req.mode ?? mode) === 'live' && !options.allowLiveOrders) {
        throw new CheckSkipped('places orders with a live key; pass --allow-live-orders to run it (only against servers where that is safe)');
      }
      return pool.agent({ budget: check.needs.budget, ...req }, mode);
    },
    now: () => deps.clock.now(),
    async advanceClock(ms) {
      if (!control || deps.clock.kind !== 'virtual') throw new CheckSkipped('needs the mock control API with a virtual clock (--clock virtual:ISO)');
      await control.advance(ms);
      await deps.clock.sync();
    },
    async wait(ms) {
      if (control && deps.clock.kind === 'virtual') {
        await control.advance(ms);
        await deps.clock.sync();
        return 'control-clock';
      }
      if (!options.slow) throw new CheckSkipped(`needs to wait ${Math.ceil(ms / 1000)} s on the server's clock: run with --slow, or against a mock started with --clock virtual:ISO`);
      await deps.sleep(ms);
      return 'wall-clock';
    },
    specProblems: (res) => specProblems(res.exchange),
    fail(message, expected, actual, note) {
      if (note) ctx.reproduceNote = note;
      throw new CheckFailure(message, expected, actual);
    },
    skip(message) {
      throw new CheckSkipped(message);
    },
  };
  return ctx;
}
