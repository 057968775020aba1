// What a check can use: agents (registered on demand and budgeted), an anonymous client, the
// server's control API when it has one, the server's clock, spec validation, and fail/skip/partial
// helpers that capture evidence automatically. Everything it sends carries the check's
// AbortSignal, so a check stopped by its time-out sends nothing more.
import { createAgentClient, type AgentClient, type ApiResponse, type Exchange } from '../client/agent-client.js';
import type { ControlClient } from '../client/control-client.js';
import type { AgentPool, TestAgent } from './agent-pool.js';
import { CheckFailure, CheckSkipped, type AgentMode, type AgentRequest, type Check, type Outcome } from './check.js';
import { partial } from './outcome.js';
import type { ServerClock } from './server-clock.js';
import type { Prelude, RecordedExchange, SigningRecipe } from './curl.js';
import { specProblems } from './spec-problems.js';

export interface RunOptions {
  baseUrl: string;
  allowLiveOrders: boolean;
  slow: boolean;
  timeoutMs: number;
  seed: number;
}

/** Says what the runner waits for and for how long, before it waits (progress output). */
export type WaitNotice = (what: string, ms: number) => void;

export interface CheckContext {
  readonly check: Check;
  readonly mode: AgentMode;
  readonly options: RunOptions;
  /** The mock's control API when the server offers it (checks then run their fast form). */
  readonly control: ControlClient | null;
  /** The server's clock: its kind (real, fixed, virtual) and time. */
  readonly clock: ServerClock;
  /** Aborted when the check overruns its time or the run is interrupted. */
  readonly signal: AbortSignal;
  /** A client without credentials. */
  readonly anonymous: AgentClient;
  agent(req?: AgentRequest): Promise<TestAgent>;
  /** An agent already registered that fits and has quota for the budget, without registering one. */
  pooledAgent(req: AgentRequest): TestAgent | undefined;
  /** The server's clock in ms (see ServerClock). */
  now(): number;
  /** Moves the server's virtual clock (control API only; others skip). */
  advanceClock(ms: number): Promise<void>;
  /** How a wait of `ms` would happen; skips the check when the server's clock can be neither moved nor waited on. */
  waitForm(ms: number): 'control-clock' | 'wall-clock';
  /** Waits on the server's clock: moves a virtual control clock, or (with --slow) really waits. */
  wait(ms: number, what: string): Promise<'control-clock' | 'wall-clock'>;
  /** Problems of this response against the spec (empty when it conforms). */
  specProblems(res: ApiResponse<unknown>): string[];
  fail(message: string, expected: string, actual: string, note?: string): never;
  skip(message: string): never;
  /** Only part of the claim could be tested: say what was left out and what would test it. */
  partial(message: string, untested: string, howToTest: string, form?: string): Outcome;
  /** Every exchange this check made, in order. */
  readonly exchanges: Exchange[];
  /** A note for the reproduce line of a failure (how the request deviated from canonical). */
  reproduceNote: string | undefined;
  /**
   * How the next request is signed when the check signs it by hand (another path, method, body,
   * a made-up secret, an encoding): attached to that request, so its reproduction signs the same way.
   */
  reproduceSigning: SigningRecipe | undefined;
  /** The request that created what the next request uses up (so its reproduction can re-create it). */
  reproducePrelude: Prelude | undefined;
  /** Records an exchange of this check (with the signing recipe set for it, if any). */
  record(exchange: Exchange): void;
}

export interface ContextDeps {
  check: Check;
  mode: AgentMode;
  options: RunOptions;
  control: ControlClient | null;
  clock: ServerClock;
  pool: AgentPool;
  exchanges: Exchange[];
  signal: AbortSignal;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  onWait?: WaitNotice;
}

export function createCheckContext(deps: ContextDeps): CheckContext {
  const { check, mode, options, control, clock, pool, exchanges, signal } = deps;
  const ctx: CheckContext = {
    check,
    mode,
    options,
    control,
    clock,
    signal,
    exchanges,
    reproduceNote: undefined,
    reproduceSigning: undefined,
    reproducePrelude: undefined,
    record(exchange) {
      const recorded: RecordedExchange = exchange;
      if (ctx.reproduceSigning) recorded.signing = ctx.reproduceSigning;
      if (ctx.reproducePrelude) recorded.prelude = ctx.reproducePrelude;
      ctx.reproduceSigning = undefined;
      ctx.reproducePrelude = undefined;
      exchanges.push(recorded);
    },
    anonymous: createAgentClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, now: () => clock.now(), onExchange: (e) => ctx.record(e), signal }),
    async agent(req = {}) {
      if (check.needs.orders && (req.mode ?? mode) === 'live' && !options.allowLiveOrders) {
        throw new CheckSkipped('places orders with a live key; pass --allow-live-orders to run it (only against servers where that is safe)');
      }
      return pool.agent({ budget: check.needs.budget, ...req }, mode);
    },
    pooledAgent: (req) => pool.pooled({ budget: check.needs.budget, ...req }, mode),
    now: () => clock.now(),
    async advanceClock(ms) {
      if (!control || clock.kind !== 'virtual') throw new CheckSkipped('needs the mock control API with a virtual clock (--clock virtual:ISO)');
      await control.advance(ms);
      await clock.sync();
    },
    waitForm(ms) {
      if (control && clock.kind === 'virtual') return 'control-clock';
      if (clock.kind === 'fixed') throw new CheckSkipped(`needs ${Math.ceil(ms / 1000)} s to pass on the server's clock, which is fixed (--clock fixed:…): time never passes there`);
      if (!options.slow) throw new CheckSkipped(`needs to wait ${Math.ceil(ms / 1000)} s on the server's clock: run with --slow, or against a mock started with --clock virtual:ISO`);
      return 'wall-clock';
    },
    async wait(ms, what) {
      if (ctx.waitForm(ms) === 'control-clock' && control) {
        await control.advance(ms);
        await clock.sync();
        return 'control-clock';
      }
      deps.onWait?.(what, ms);
      await deps.sleep(ms, signal);
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
    partial,
  };
  return ctx;
}
