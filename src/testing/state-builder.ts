// stateBuilder(): a typed way to write a state fixture for startTestMock({ state }) (or for
// PUT /__nx/state and --state-from), checked when it is built by the same rules the mock loads
// fixtures with, so an impossible state fails in the test that wrote it, naming what is wrong:
//
//   const state = stateBuilder({ clock: '2026-01-05T12:00:00Z' })
//     .agent('holder', { mode: 'live', dailyLossLimit: 1000, cash: 70_000 }, (a) => a
//       .bought('BTC', 0.5, { price: 60_000, at: '2026-01-05T09:00:00Z' })
//       .breakerTripped('2026-01-05T11:00:00Z'))
//     .build();
import { createHash } from 'node:crypto';
import type { Mode, Permission } from '../mock/engine/types.js';
import { createModelMarket, createOverridableMarket } from '../mock/engine/market/index.js';
import { MOCK_DEFAULTS } from '../mock/http/mock-options.js';
import type { FixtureAgent, FixturePrice, StateFixture } from '../mock/state/fixture-schema.js';
import type { FixtureEnv } from '../mock/state/fixture/fixture-env.js';
import { fixtureToState } from '../mock/state/fixture/import-fixture.js';
import { AgentBuilder, type AgentOptions } from './agent-builder.js';

export { AgentBuilder, type AgentOptions, type FillOptions, type RestingOrderOptions, type WebhookOptions } from './agent-builder.js';

export interface StateBuilderOptions {
  /** The fixture's "now"; a virtual clock is set to it (default: startTestMock's 2026-01-05T12:00:00Z). */
  clock?: string;
  /** The seed of the mock it is for (default 42): derived keys and the price model depend on it. */
  seed?: number;
  /** Settings of the mock it is for, when not the defaults (fees are charged at feeBps). */
  feeBps?: number;
  startingCash?: number;
  allowShort?: boolean;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Stable credentials per seed and agent name, so a test can rely on them run after run. */
function derived(seed: number, what: string, length: number): string {
  const bytes = createHash('sha256').update(`nx-conformance builder ${seed} ${what}`).digest();
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE62[(bytes[i % bytes.length] ?? 0) % 62];
  return out;
}

export class StateBuilder {
  private readonly agents: AgentBuilder[] = [];
  private readonly prices: FixturePrice[] = [];

  constructor(private readonly options: StateBuilderOptions = {}) {}

  /** Adds an agent; `build` describes its orders, position expectations, breaker and webhooks. */
  agent(name: string, options: AgentOptions = {}, build?: (agent: AgentBuilder) => unknown): this {
    if (this.agents.some((a) => a.name === name)) throw new Error(`stateBuilder: there is already an agent named ${JSON.stringify(name)}`);
    const seed = this.options.seed ?? MOCK_DEFAULTS.seed;
    const mode: Mode = options.mode ?? 'sandbox';
    const agent = new AgentBuilder(name, {
      ...options,
      mode,
      apiKey: options.apiKey ?? `nx_${mode === 'live' ? 'live' : 'test'}_${derived(seed, `${mode} key ${name}`, 32)}`,
      apiSecret: options.apiSecret ?? `builder_${derived(seed, `secret ${name}`, 40)}`,
    });
    build?.(agent);
    this.agents.push(agent);
    return this;
  }

  /** From `from` (default: the clock) on, the coin's price is `price`. */
  pin(symbol: string, price: number, options: { from?: string } = {}): this {
    this.prices.push({ symbol, pin: price, ...options });
    return this;
  }

  /** From `from` (default: the clock) on, the coin's price is moved by `percent`. */
  shift(symbol: string, percent: number, options: { from?: string } = {}): this {
    this.prices.push({ symbol, shiftPercent: percent, ...options });
    return this;
  }

  /** The fixture; throws StateFixtureError listing every problem when the state is impossible. */
  build(): StateFixture {
    const fixture: StateFixture = {
      format: 'nx-conformance/state',
      version: 1,
      ...(this.options.seed === undefined ? {} : { seed: this.options.seed }),
      clock: this.options.clock ?? '2026-01-05T12:00:00Z',
      agents: this.agents.map((a): FixtureAgent => a.toFixture()),
      prices: [...this.prices],
    };
    fixtureToState(fixture, this.env(fixture.clock as string));
    return fixture;
  }

  private env(clock: string): FixtureEnv {
    const seed = this.options.seed ?? MOCK_DEFAULTS.seed;
    return {
      market: createOverridableMarket(createModelMarket({ seed })),
      seed,
      startingCash: this.options.startingCash ?? MOCK_DEFAULTS.startingCash,
      feeBps: this.options.feeBps ?? MOCK_DEFAULTS.feeBps,
      allowShort: this.options.allowShort ?? MOCK_DEFAULTS.allowShort,
      liveDefaults: MOCK_DEFAULTS.liveDefaults,
      rateLimit: MOCK_DEFAULTS.rateLimit,
      webhookTargets: 'any',
      clockKind: 'virtual',
      now: Date.parse(clock),
      newSecret: () => 'unused: the builder gives every agent a secret',
      newWebhookSecret: () => `whsec_${Buffer.from(derived(0, 'webhook', 24)).toString('base64')}`,
    };
  }
}

/** Starts a fixture for startTestMock({ state }), PUT /__nx/state or --state-from. */
export function stateBuilder(options: StateBuilderOptions = {}): StateBuilder {
  return new StateBuilder(options);
}

export type { Mode, Permission };
