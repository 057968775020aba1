// startTestMock(): the mock exchange for people's own test suites. One call in a test
// framework's setup gives an isolated mock on an ephemeral port, a ready sandbox and live agent,
// a typed signing client, the control API, and reset() to start each test from a clean state.
import { createAgentClient, type AgentClient } from '../client/agent-client.js';
import { createControlClient, type ControlClient } from '../client/control-client.js';
import type { MockOptions } from '../mock/http/mock-options.js';
import { startMock, type RunningMock } from '../mock/http/start-mock.js';

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
  control: ControlClient;
  /** The mock's clock in ms since the epoch: what a live client must sign with on a virtual clock. */
  now(): number;
  /** In-process access to the mock's state (engine, clock, journal). */
  mock: RunningMock;
  /** Drops all state (agents, orders, journal, faults, price overrides); the ready agents stay valid. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs on the real clock by default, so your own client, signing with Date.now(), is served as
 * by the real API. Pass `clock: 'virtual:ISO'` to move time with `control.advance()` instead of
 * sleeping; the ready agents' clients then sign with the mock's time, and your own client must
 * too (`now()`), since timestamps outside ±30 s of the mock's clock get 401.
 */
export async function startTestMock(options: MockOptions = {}): Promise<TestMock> {
  const mock = await startMock({ port: 0, ...options });
  const control = createControlClient(mock.url);
  const ready = (mode: 'sandbox' | 'live'): ReadyAgent => {
    const demo = mock.ctx.demoAgents.find((d) => d.mode === mode);
    if (!demo) throw new Error('startTestMock needs the demo agents: do not pass demoAgents: false');
    return {
      ...demo,
      client: createAgentClient({ baseUrl: mock.baseUrl, credentials: demo, now: () => mock.ctx.clock.now() }),
    };
  };
  return {
    url: mock.url,
    baseUrl: mock.baseUrl,
    agent: ready('sandbox'),
    liveAgent: ready('live'),
    control,
    now: () => mock.ctx.clock.now(),
    mock,
    reset: async () => mock.ctx.reset(),
    close: () => mock.close(),
  };
}
