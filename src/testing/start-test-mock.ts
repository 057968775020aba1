// startTestMock(): the mock exchange for people's own test suites. One call in a test
// framework's setup gives an isolated mock on an ephemeral port, a ready sandbox and live agent,
// a typed signing client, the control API, and reset() to start each test from a clean state.
import { createAgentClient, type AgentClient } from '../client/agent-client.js';
import { createControlClient, type ControlClient } from '../client/control-client.js';
import type { MockOptions } from '../mock/http/mock-options.js';
import { startMock, type RunningMock } from '../mock/http/start-mock.js';
import { loadFixture } from '../mock/state/load-fixture.js';

export interface ReadyAgent {
  agentId: string;
  mode: 'sandbox' | 'live';
  apiKey: string;
  apiSecret: string;
  /** A typed client signed with this agent's credentials. */
  client: AgentClient;
}

export interface TestMock {
  url: string;
  baseUrl: string;
  /** The demo sandbox agent (all permissions); the same keys after every reset(). */
  agent: ReadyAgent;
  /** The demo live agent (all permissions, the server's default circuit breakers). */
  liveAgent: ReadyAgent;
  /** The agents of `options.state` (a fixture, e.g. from stateBuilder()), by name. */
  agents: Record<string, ReadyAgent>;
  control: ControlClient;
  /** The mock's clock in ms since the epoch: what a live client must sign with on a virtual clock. */
  now(): number;
  /** In-process access to the mock's state (engine, clock, journal). */
  mock: RunningMock;
  /** Back to the state it started in: empty, or `options.state` (journal, faults and price overrides dropped); the ready agents stay valid. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs on the real clock by default, so your own client, signing with Date.now(), is served as
 * by the real API. Pass `clock: 'virtual:ISO'` to move time with `control.advance()` instead of
 * sleeping; the ready agents' clients then sign with the mock's time, and your own client must
 * too (`now()`), since timestamps outside ±30 s of the mock's clock get 401.
 * A `state` fixture with a `clock` (stateBuilder() always sets one) starts a virtual clock at
 * that time unless `clock` is given: its fills, breakers and orders are dated by it.
 */
export async function startTestMock(options: MockOptions = {}): Promise<TestMock> {
  const fixtureClock = options.state?.clock;
  const clock = options.clock ?? (fixtureClock === undefined ? undefined : `virtual:${fixtureClock}`);
  const mock = await startMock({ port: 0, ...options, ...(clock === undefined ? {} : { clock }) });
  const control = createControlClient(mock.url);
  const readyAgent = (credentials: Omit<ReadyAgent, 'client'>): ReadyAgent => ({
    ...credentials,
    client: createAgentClient({ baseUrl: mock.baseUrl, credentials, now: () => mock.ctx.clock.now() }),
  });
  const ready = (mode: 'sandbox' | 'live'): ReadyAgent => {
    const demo = mock.ctx.demoAgents.find((d) => d.mode === mode);
    if (!demo) throw new Error('startTestMock needs the demo agents: do not pass demoAgents: false');
    return readyAgent(demo);
  };
  const agents: Record<string, ReadyAgent> = {};
  /** The fixture's agents (every agent but the demo ones), by name; refreshed after a reset. */
  const collectAgents = (): void => {
    for (const name of Object.keys(agents)) delete agents[name];
    const demo = new Set(mock.ctx.demoAgents.map((d) => d.agentId));
    for (const { agent, secret } of mock.ctx.engine.exportData().agents) {
      if (demo.has(agent.agentId) || agents[agent.name]) continue;
      agents[agent.name] = readyAgent({ agentId: agent.agentId, mode: agent.mode, apiKey: agent.apiKey, apiSecret: secret });
    }
  };
  if (options.state !== undefined) collectAgents();
  return {
    url: mock.url,
    baseUrl: mock.baseUrl,
    agent: ready('sandbox'),
    liveAgent: ready('live'),
    agents,
    control,
    now: () => mock.ctx.clock.now(),
    mock,
    reset: async () => {
      mock.ctx.reset();
      if (options.state === undefined) return;
      loadFixture(mock.ctx, options.state);
      collectAgents();
    },
    close: () => mock.close(),
  };
}
