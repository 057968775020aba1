// Hands agents to checks. Agents are pooled by what they are (mode, permissions, limits) and
// each one's request budget is tracked, so one check's burst never fails the next: a check that
// would push an agent near its rate limit gets a freshly registered one instead. Registration
// itself is rate-limited by servers, so a 429 there is waited out (Retry-After) and retried.
import { createAgentClient, type AgentClient, type ApiResponse, type Exchange } from '../client/agent-client.js';
import type { Permission } from '../rules/permission.js';
import { createGcra, type Gcra } from '../rules/gcra.js';
import { ALL_PERMISSIONS, CheckSkipped, type AgentMode, type AgentRequest } from './check.js';

export interface TestAgent {
  id: string;
  mode: AgentMode;
  permissions: readonly Permission[];
  apiKey: string;
  apiSecret: string;
  client: AgentClient;
  /** The 201 of its registration (null for the agent given by --key). */
  registration: ApiResponse<unknown> | null;
  /** The runner's model of the server's quota for this agent (GCRA, as the mock documents). */
  quota: Gcra;
  ratePerMinute: number;
}

export interface AgentPoolOptions {
  baseUrl: string;
  timeoutMs: number;
  given?: { apiKey: string; apiSecret: string } | undefined;
  onExchange: (exchange: Exchange) => void;
  /** Waits on the server's clock (moves a virtual clock, else sleeps), saying what for. */
  waitServer: (ms: number, what: string) => Promise<void>;
  now: () => number;
  /** The signal of the check being served (its requests are aborted with it). */
  signal: () => AbortSignal | undefined;
}

const MARGIN = 5;

export function createAgentPool(options: AgentPoolOptions) {
  const pool = new Map<string, TestAgent[]>();
  let registrations = 0;

  function clientFor(apiKey: string, apiSecret: string, track: () => TestAgent | undefined): AgentClient {
    return createAgentClient({
      baseUrl: options.baseUrl,
      credentials: { apiKey, apiSecret },
      timeoutMs: options.timeoutMs,
      now: options.now,
      signal: options.signal,
      onExchange: (exchange) => {
        const agent = track();
        agent?.quota.take('agent', options.now());
        options.onExchange(exchange);
      },
    });
  }

  const remaining = (agent: TestAgent): number => agent.quota.peek('agent', options.now()).remaining;

  async function register(req: Required<Pick<AgentRequest, 'mode' | 'permissions'>> & AgentRequest): Promise<TestAgent> {
    const anonymous = createAgentClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, onExchange: options.onExchange, signal: options.signal });
    const body: Record<string, unknown> = { name: `nx-conformance ${req.mode} ${++registrations}`, permissions: [...req.permissions], mode: req.mode };
    if (req.dailyLossLimit !== undefined) body.dailyLossLimit = req.dailyLossLimit;
    if (req.maxPositionSize !== undefined) body.maxPositionSize = req.maxPositionSize;
    for (let attempt = 0; ; attempt++) {
      const res = await anonymous.send<{ agent?: { id?: string; apiKey?: string; apiSecret?: string; rateLimit?: string } }>('POST', '/register', { body });
      if (res.status === 429 && attempt < 5) {
        const wait = Number(res.headers['retry-after'] ?? '2');
        const ms = (Number.isFinite(wait) && wait > 0 ? wait : 2) * 1000;
        await options.waitServer(ms, `the server's registration quota (POST /register answered 429, Retry-After: ${res.headers['retry-after'] ?? 'none'}); the runner registers ${req.mode} agent ${registrations} of this run`);
        continue;
      }
      const agent = res.json?.agent;
      if (res.status !== 201 || !agent?.apiKey || !agent.apiSecret || !agent.id) {
        throw new Error(`Could not register a ${req.mode} agent: POST /register answered ${res.status} ${res.text.slice(0, 200)}`);
      }
      const rate = Number(/^(\d+)/.exec(agent.rateLimit ?? '')?.[1] ?? 60);
      const created: TestAgent = {
        id: agent.id,
        mode: req.mode,
        permissions: req.permissions,
        apiKey: agent.apiKey,
        apiSecret: agent.apiSecret,
        client: undefined as unknown as AgentClient,
        registration: res as ApiResponse<unknown>,
        quota: createGcra(rate, 60_000),
        ratePerMinute: rate,
      };
      created.client = clientFor(created.apiKey, created.apiSecret, () => created);
      return created;
    }
  }

  const keyOf = (full: AgentRequest & { mode: AgentMode; permissions: readonly Permission[] }): string =>
    JSON.stringify([full.mode, [...full.permissions].sort(), full.dailyLossLimit ?? null, full.maxPositionSize ?? null]);

  /** A registered agent of this kind whose modelled quota covers the budget (plus a margin), if any. */
  function pooled(req: AgentRequest, defaultMode: AgentMode): TestAgent | undefined {
    if (options.given || req.fresh) return undefined;
    const key = keyOf({ ...req, mode: req.mode ?? defaultMode, permissions: req.permissions ?? ALL_PERMISSIONS });
    return pool.get(key)?.find((a) => remaining(a) >= (req.budget ?? 10) + MARGIN);
  }

  let givenAgent: TestAgent | undefined;
  return {
    get registrations() {
      return registrations;
    },
    pooled,
    async agent(req: AgentRequest, defaultMode: AgentMode): Promise<TestAgent> {
      const full = { ...req, mode: req.mode ?? defaultMode, permissions: req.permissions ?? ALL_PERMISSIONS };
      if (options.given) {
        givenAgent ??= await describeGiven(options, clientFor, () => givenAgent);
        const fits = givenAgent.mode === full.mode && full.permissions.every((p) => givenAgent?.permissions.includes(p));
        if (!fits || req.fresh || req.dailyLossLimit !== undefined || req.maxPositionSize !== undefined) {
          throw new CheckSkipped(`needs its own ${full.mode} agent with ${full.permissions.join(', ')}${req.fresh ? ' (fresh)' : ''}; the runner does not register agents when --key is given`);
        }
        // One agent for the whole run: wait (on the server's clock) until its quota has refilled
        // enough for this check, rather than let the check run into 429s that aren't its fault.
        const deficit = Math.min(givenAgent.ratePerMinute, (req.budget ?? 10) + MARGIN) - remaining(givenAgent);
        if (deficit > 0) await options.waitServer(Math.ceil((deficit / givenAgent.ratePerMinute) * 60_000), `the quota of the agent given by --key to refill by ${deficit} requests`);
        return givenAgent;
      }
      const key = keyOf(full);
      if (!req.fresh) {
        const reusable = pooled(req, defaultMode);
        if (reusable) return reusable;
      }
      const agent = await register(full);
      if (!req.fresh) pool.set(key, [...(pool.get(key) ?? []), agent]);
      return agent;
    },
  };
}

async function describeGiven(
  options: AgentPoolOptions,
  clientFor: (k: string, s: string, t: () => TestAgent | undefined) => AgentClient,
  track: () => TestAgent | undefined,
): Promise<TestAgent> {
  const given = options.given as { apiKey: string; apiSecret: string };
  const mode: AgentMode = given.apiKey.startsWith('nx_live_') ? 'live' : 'sandbox';
  const client = clientFor(given.apiKey, given.apiSecret, track);
  const me = await client.send<{ agent?: { id?: string; permissions?: Permission[]; rateLimit?: string } }>('GET', '/me');
  if (me.status !== 200 || !me.json?.agent?.id) throw new Error(`GET /me with the given key answered ${me.status}; check --key and --secret`);
  const rate = Number(/^(\d+)/.exec(me.json.agent.rateLimit ?? '')?.[1] ?? 60);
  const agent: TestAgent = {
    id: me.json.agent.id,
    mode,
    permissions: me.json.agent.permissions ?? [],
    apiKey: given.apiKey,
    apiSecret: given.apiSecret,
    client,
    registration: null,
    quota: createGcra(rate, 60_000),
    ratePerMinute: rate,
  };
  // The GET /me above went out before the agent existed to be tracked: it used quota too.
  agent.quota.take('agent', options.now());
  return agent;
}

export type AgentPool = ReturnType<typeof createAgentPool>;
